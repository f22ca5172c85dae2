import DSPy
import Foundation
import JSON

/// The models a notebook talks to, read from the environment in one call, with the built-in offline model
/// standing in when no endpoint is configured:
///
/// ```swift
/// let models = try ServedModels.configure(temperature: 0, maxTokens: 500, stop: ["\n\n"])
/// let lm = models.served.lm            // also DSPy's default LM now
/// let evaluator = models.judge.lm      // the served model when no judge is named
/// ```
///
/// | Variables | Role |
/// |---|---|
/// | `SERVED_MODEL_URL`, `SERVED_MODEL_NAME` | the model under study (a base URL ending in `/v1`; several, comma-separated, are replicas balanced by the `LM`) |
/// | `JUDGE_MODEL_URL`, `JUDGE_MODEL_NAME` | the evaluator; the served model judges itself when unset |
/// | `COMPARISON_MODEL_URL`, `COMPARISON_MODEL_NAME` | a baseline model; none when unset |
/// | `EMBEDDING_MODEL_URL`, `EMBEDDING_MODEL_NAME` | `/v1/embeddings` for `embedder()`; the offline model's when unset |
/// | `OPENAI_API_KEY` | the bearer token, where set |
///
/// Without `SERVED_MODEL_URL`, `swift-dspy serve --port 0` starts the offline text-to-SQL model on 127.0.0.1 and it
/// plays every role; the cells of one worker share it (`OfflineModelServer.shared()`), so running them again starts
/// no second one, and it stops with the cell worker (or at `stop()`).
public struct ServedModels: Sendable {
    /// The model under study, DSPy's default LM once `configure` returns.
    public let served: ServedModel
    /// The evaluator (GPT-4 in the Text2SQL study).
    public let judge: ServedModel
    /// The baseline model, when `COMPARISON_MODEL_URL` names one.
    public let comparison: ServedModel?
    /// The offline model's server, when it was started.
    public let offlineServer: OfflineModelServer?
    /// `EMBEDDING_MODEL_URL`, `EMBEDDING_MODEL_NAME` and `OPENAI_API_KEY`, for `embedder()`.
    private let embeddingEnvironment: [String: String]

    /// Reads the environment, builds one `LM` per role with the same generation settings, and makes the served
    /// model DSPy's default LM (`configure(lm:)`).
    ///
    /// - Parameters:
    ///   - defaultNames: the model names used when a `_NAME` variable is missing, by role prefix
    ///     (`"SERVED_MODEL"`, `"JUDGE_MODEL"`, `"COMPARISON_MODEL"`).
    ///   - environment: the variables to read; the process's by default.
    /// - Throws: `OfflineModelServer.StartError` when the offline model was needed and did not start.
    public static func configure(
        temperature: Double? = nil, maxTokens: Int? = nil, stop: [String]? = nil, n: Int? = nil,
        defaultNames: [String: String] = [:], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServedModels {
        func model(_ name: String, at url: String, isOffline: Bool = false) -> ServedModel {
            let replicas = url.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let lm = LM("openai/\(name)", apiBases: replicas, apiKey: environment["OPENAI_API_KEY"] ?? "local",
                        temperature: temperature, maxTokens: maxTokens, stop: stop, n: n, modelType: .chat)
            return ServedModel(name: name, url: url, isOffline: isOffline, lm: lm)
        }
        func configured(_ prefix: String) -> ServedModel? {
            environment["\(prefix)_URL"].map { model(environment["\(prefix)_NAME"] ?? defaultNames[prefix] ?? "model", at: $0) }
        }
        let offlineServer = environment["SERVED_MODEL_URL"] == nil ? try OfflineModelServer.shared() : nil
        let served = configured("SERVED_MODEL")
            ?? model(ServedModel.offlineName, at: offlineServer?.baseURL ?? "", isOffline: true)
        let models = ServedModels(served: served, judge: configured("JUDGE_MODEL") ?? served,
                                  comparison: configured("COMPARISON_MODEL"), offlineServer: offlineServer,
                                  embeddingEnvironment: environment.filter {
                                      $0.key.hasPrefix("EMBEDDING_MODEL_") || $0.key == "OPENAI_API_KEY"
                                  })
        DSPy.configure(lm: served.lm)
        return models
    }

    /// DSPy's `Embedder` for `EMBEDDING_MODEL_URL`/`_NAME`, else for the offline model's deterministic
    /// `/v1/embeddings` (the shared offline server is started if it is not running).
    public func embedder(batchSize: Int = 200) throws -> Embedder {
        let url = try embeddingEnvironment["EMBEDDING_MODEL_URL"] ?? OfflineModelServer.shared().baseURL
        let name = embeddingEnvironment["EMBEDDING_MODEL_NAME"]
            ?? (embeddingEnvironment["EMBEDDING_MODEL_URL"] == nil ? ServedModel.offlineEmbeddingName : "model")
        return Embedder("openai/\(name)", apiBase: url, apiKey: embeddingEnvironment["OPENAI_API_KEY"] ?? "local",
                        batchSize: batchSize)
    }

    /// Stops the offline model, if it was started; the LMs fail after this.
    public func stop() { offlineServer?.stop() }
}

/// One OpenAI-compatible endpoint, the model it serves, and the `LM` that talks to it.
public struct ServedModel: Sendable {
    /// The name the built-in offline model serves under.
    public static let offlineName = "offline-text2sql"
    /// The name of the offline model's deterministic embedding model.
    public static let offlineEmbeddingName = "offline-embedding"

    /// The served model's name, as sent in requests.
    public let name: String
    /// The base URL, ending in `/v1`.
    public let url: String
    /// Whether this is the built-in offline model.
    public let isOffline: Bool
    /// The client, with the generation settings given to `ServedModels.configure`.
    public let lm: LM

    /// How scores from this model are labelled: "offline model", or the model's name.
    public var label: String { isOffline ? "offline model" : name }
}

extension ServedModels: MimeRepresentable {
    /// A table of the roles: model and URL each.
    public var mimeBundle: [String: JSONValue] {
        let rows = [("served model", served), ("evaluator", judge)].map { ($0, "\($1.label) at \($1.url)") }
            + [("comparison", comparison.map { "\($0.label) at \($0.url)" } ?? "none configured")]
        let text = rows.map { "\($0):".padding(toLength: 14, withPad: " ", startingAt: 0) + $1 }.joined(separator: "\n")
        return ["text/html": .string(FieldTable.html(title: "Models", rows.map { ($0, .string($1)) })),
                "text/plain": .string(text)]
    }
}
