/// Where an `LM` sends its requests and with which headers, worked out once when the LM is created rather than
/// on every call.
struct Endpoint: Sendable {
    /// The completions URL; nil when the LM has no API base (calls then fail with a configuration error).
    let url: String?
    /// The model id sent in the body: the model string after its provider prefix.
    let wireModel: String
    /// JSON content headers, the bearer token when there is a key, then the LM's extra headers.
    let headers: [(name: String, value: String)]

    init(
        model: String, modelType: ModelType, apiBase: String?, apiKey: String?,
        extraHeaders: [(name: String, value: String)]
    ) {
        let path = modelType == .chat ? "/chat/completions" : "/completions"
        url = apiBase.map { base in
            var base = base
            while base.last == "/" { base.removeLast() }
            return base + path
        }
        wireModel = model.firstIndex(of: "/").map { String(model[model.index(after: $0)...]) } ?? model
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let apiKey, !apiKey.isEmpty { headers.append(("Authorization", "Bearer \(apiKey)")) }
        self.headers = headers + extraHeaders
    }
}
