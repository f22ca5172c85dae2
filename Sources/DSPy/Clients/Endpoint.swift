/// Where an `LM` sends its requests and with which headers, worked out once when the LM is created rather than
/// on every call.
struct Endpoint: Sendable {
    /// The path after a base URL for completions: `/chat/completions` or `/completions`.
    let completionsPath: String
    /// The model id sent in the body: the model string after its provider prefix.
    let wireModel: String
    /// JSON content headers, the bearer token when there is a key, then the LM's extra headers.
    let headers: [(name: String, value: String)]
    /// The base URLs (replicas of one model), balanced per request; empty when the LM has no API base (calls then
    /// fail with a configuration error).
    let replicas: ReplicaPool

    init(
        model: String, modelType: ModelType, apiBases: [String], apiKey: String?,
        extraHeaders: [(name: String, value: String)]
    ) {
        completionsPath = modelType == .chat ? "/chat/completions" : "/completions"
        replicas = ReplicaPool(bases: apiBases.map { $0.trimmingSuffix("/") })
        wireModel = model.firstIndex(of: "/").map { String(model[model.index(after: $0)...]) } ?? model
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let apiKey, !apiKey.isEmpty { headers.append(("Authorization", "Bearer \(apiKey)")) }
        self.headers = headers + extraHeaders
    }
}

extension String {
    /// The string without any trailing copies of `suffix`.
    func trimmingSuffix(_ suffix: Character) -> String {
        var text = self
        while text.last == suffix { text.removeLast() }
        return text
    }
}
