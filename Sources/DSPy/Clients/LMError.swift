/// Why a language-model call failed, with what DSPy's `LMError` family records: the model, the HTTP status,
/// the provider's own message, the URL and any `Retry-After` hint.
public struct LMError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; it decides whether the call is retried.
    public enum Kind: String, Sendable {
        /// The LM is misconfigured (no model id, no API base for a provider without a default, bad `n`).
        case configuration
        /// No response arrived: connection refused or dropped (retried).
        case transport
        /// The request took longer than allowed, or the server answered 408 (retried).
        case timeout
        /// The server answered 429 (retried, after `Retry-After` when it says).
        case rateLimit
        /// The server answered 5xx (retried).
        case server
        /// The server answered 401 or 403.
        case authentication
        /// The server answered another 4xx: the request itself is wrong.
        case invalidRequest
        /// The prompt does not fit the model's context window (OpenAI's `context_length_exceeded`, llama.cpp's
        /// `exceed_context_size_error`): DSPy's `ContextWindowExceededError`, which ReAct answers by truncating.
        case contextWindowExceeded
        /// The server answered 2xx with a body that is not a completion.
        case malformedResponse
    }

    public let kind: Kind
    /// The model as the LM names it, e.g. `"openai/starling-lm-7b-beta"`.
    public let model: String
    /// What went wrong, in the provider's words when it gave any.
    public let message: String
    /// The HTTP status, when a response arrived.
    public let status: Int?
    /// The URL the request went to.
    public let url: String?
    /// Seconds the server asked us to wait before retrying.
    public let retryAfter: Double?

    public init(
        _ kind: Kind, model: String, message: String, status: Int? = nil, url: String? = nil, retryAfter: Double? = nil
    ) {
        self.kind = kind
        self.model = model
        self.message = message
        self.status = status
        self.url = url
        self.retryAfter = retryAfter
    }

    /// Whether DSPy retries this failure (rate limits, timeouts, server and transport errors).
    public var isRetryable: Bool { [.transport, .timeout, .rateLimit, .server].contains(kind) }

    public var description: String {
        var text = "[\(model)] \(kind.rawValue) error"
        if let status { text += ", HTTP \(status)" }
        if let url { text += " from \(url)" }
        return text + ": " + message
    }
}
