import Foundation
import HTTPClient
import JSON

/// Which OpenAI endpoint an `LM` calls.
public enum ModelType: String, Sendable {
    /// `/chat/completions` with the messages as given.
    case chat
    /// `/completions` with the messages flattened into one prompt, as DSPy does for text models.
    case text
}

/// A language model served behind an OpenAI-compatible API (vLLM, llama.cpp, Ollama, OpenAI, the offline
/// model server): DSPy's `dspy.LM`.
///
/// ```swift
/// let lm = LM("openai/starling-lm-7b-beta", apiBase: "http://127.0.0.1:8000/v1", apiKey: "local",
///             temperature: 0, maxTokens: 500, stop: ["\n\n"], n: 1)
/// let completions = try lm("What is the capital of Colombia?")
/// ```
///
/// Only the generation arguments that are set are sent. Responses are cached (see `Cache`) under the key DSPy
/// 3.4.1 would use; every call is recorded in the LM's and the global history, and its token usage is added to
/// the `UsageTracker` bound around the call, if any. Transient failures (429, 5xx, 408, transport, timeouts)
/// are retried `numRetries` times with exponential backoff (1, 2, 4, … s, at most 60) or the server's
/// `Retry-After`; an interrupt (`Interruption.request()`) stops a waiting call within about a second.
public final class LM: LanguageModel {
    /// The model as given, e.g. `"openai/starling-lm-7b-beta"`; the part after the first `/` is sent.
    public let model: String
    /// The endpoint kind.
    public let modelType: ModelType
    /// Whether calls use the response cache unless a call says otherwise (`config["cache"]`).
    public let cache: Bool
    /// How many times a transient failure is retried.
    public let numRetries: Int
    /// The generation arguments as DSPy keeps them (`temperature` and `max_tokens` present even when unset,
    /// as null, and an explicit `api_base`). They are part of the cache key and the non-null ones are sent,
    /// except `api_base`, which is neither.
    public let kwargs: [String: JSONValue]
    /// The API base URL, e.g. `"http://127.0.0.1:8000/v1"`: the argument, else `<PROVIDER>_API_BASE` or
    /// `<PROVIDER>_BASE_URL` from the environment, else OpenAI's for the `openai` provider.
    public let apiBase: String?
    /// Every base URL calls are balanced over (replicas of one model): `apiBases` as given, else `[apiBase]`.
    public var apiBases: [String] { endpoint.replicas.bases }
    /// Seconds one HTTP request may take.
    public let timeout: Double
    /// Where and how requests go, worked out once from the arguments above.
    let endpoint: Endpoint
    /// What the model catalog says the model accepts (`ModelCapabilities.catalog(for:)`).
    public let capabilities: ModelCapabilities
    let client: HTTPClient
    let historyStore = HistoryStore()

    /// Creates an LM. Nothing is contacted until the first call.
    /// - Parameters:
    ///   - model: `"provider/model"`, e.g. `"openai/gpt-4o-mini"`; any provider prefix speaks the OpenAI protocol.
    ///   - apiBase: The base URL up to and including `/v1`.
    ///   - apiBases: Several base URLs serving the same model (replicas), instead of `apiBase`: each request goes to
    ///     the least busy replica in rotation, a failing one is taken out and probed back in, a failed call is
    ///     retried on another, and a replica's concurrency backs off on 429 (see `ReplicaPool`). The cache key does
    ///     not depend on the replica.
    ///   - apiKey: Sent as a bearer token; defaults to `<PROVIDER>_API_KEY` (e.g. `OPENAI_API_KEY`).
    ///   - temperature, maxTokens, stop, n, rolloutId: Generation arguments; nil ones are not sent.
    ///   - modelType: `.chat` or `.text`.
    ///   - cache: Whether responses are cached.
    ///   - numRetries: Retries of transient failures.
    ///   - timeout: Seconds one HTTP request may take.
    ///   - headers: Extra HTTP headers for every request.
    ///   - kwargs: Further generation arguments sent as given (e.g. `"top_p"`, `"seed"`).
    ///   - client: The HTTP client; the process-wide one by default, so connections are shared.
    public init(
        _ model: String, apiBase: String? = nil, apiBases: [String] = [], apiKey: String? = nil, temperature: Double? = nil,
        maxTokens: Int? = nil, stop: [String]? = nil, n: Int? = nil, modelType: ModelType = .chat,
        cache: Bool = true, numRetries: Int = 3, rolloutId: Int? = nil, timeout: Double = 600,
        headers: [String: String] = [:], kwargs: [String: JSONValue] = [:], client: HTTPClient = .shared
    ) {
        self.model = model
        self.modelType = modelType
        self.cache = cache
        self.numRetries = max(0, numRetries)
        self.timeout = timeout
        self.capabilities = .catalog(for: model)
        self.client = client
        var arguments = kwargs
        arguments["temperature"] = temperature.map { .double($0) } ?? .null
        arguments["max_tokens"] = maxTokens.map { .int($0) } ?? .null
        if let stop { arguments["stop"] = .array(stop.map { .string($0) }) }
        if let n { arguments["n"] = .int(n) }
        if let rolloutId { arguments["rollout_id"] = .int(rolloutId) }
        // DSPy keeps an explicit API base among the arguments (it is never sent, nor part of the cache key), so a
        // saved program records it.
        let explicitBase = apiBases.first ?? apiBase
        if let explicitBase { arguments["api_base"] = .string(explicitBase) }
        self.kwargs = arguments
        let environmentPrefix = LM.provider(of: model).uppercased().replacingOccurrences(of: "-", with: "_")
        let environment = ProcessInfo.processInfo.environment
        self.apiBase = explicitBase ?? environment["\(environmentPrefix)_API_BASE"] ?? environment["\(environmentPrefix)_BASE_URL"]
            ?? (environmentPrefix == "OPENAI" ? "https://api.openai.com/v1" : nil)
        endpoint = Endpoint(
            model: model, modelType: modelType, apiBases: apiBases.isEmpty ? self.apiBase.map { [$0] } ?? [] : apiBases,
            apiKey: apiKey ?? environment["\(environmentPrefix)_API_KEY"],
            extraHeaders: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Asks for completions of one user prompt (DSPy's `lm("...")`).
    /// - Parameter config: Per-call generation arguments, and `"cache": false` to bypass the cache.
    /// - Returns: One completion per `n`.
    public func callAsFunction(_ prompt: String, config: [String: JSONValue] = [:]) throws -> [String] {
        try complete(prompt: prompt, messages: [ChatMessage(role: "user", content: prompt)], config: config)
    }

    /// Asks for completions of a conversation (DSPy's `lm(messages=[...])`).
    public func callAsFunction(messages: [ChatMessage], config: [String: JSONValue] = [:]) throws -> [String] {
        try complete(prompt: nil, messages: messages, config: config)
    }

    /// The `LanguageModel` entry point adapters use.
    public func generate(messages: [ChatMessage], config: [String: JSONValue]) throws -> [String] {
        try complete(prompt: nil, messages: messages, config: config)
    }

    /// The calls recorded for this LM, oldest first.
    public var history: [HistoryEntry] { historyStore.entries }

    /// Shows this LM's last `n` calls the way DSPy's `lm.inspect_history(n)` prints them (through the presenter).
    public func inspectHistory(n: Int = 1) {
        Presentation.presenter.showHistory(history, n: n)
    }

    /// The provider prefix of a model string (`"openai"` when there is none).
    static func provider(of model: String) -> String {
        guard let slash = model.firstIndex(of: "/") else { return "openai" }
        return String(model[..<slash])
    }
}
