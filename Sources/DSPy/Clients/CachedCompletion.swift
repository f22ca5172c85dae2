import JSON

/// What the cache keeps for one LM request: the completions, the token usage they cost, and the model the
/// server said answered.
public struct CachedCompletion: Codable, Hashable, Sendable {
    public var outputs: [String]
    public var usage: [String: JSONValue]
    public var responseModel: String?

    public init(outputs: [String], usage: [String: JSONValue], responseModel: String?) {
        self.outputs = outputs
        self.usage = usage
        self.responseModel = responseModel
    }
}
