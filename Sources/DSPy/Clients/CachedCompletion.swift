import JSON

/// What the cache keeps for one LM request: the completions, the token usage they cost, and the model the
/// server said answered.
public struct CachedCompletion: Codable, Hashable, Sendable {
    public var outputs: [String]
    public var usage: [String: JSONValue]
    public var responseModel: String?
    /// Each output's `tool_calls` (`null` for one without), when any reply called tools; absent in older entries.
    public var toolCalls: [JSONValue]?

    public init(outputs: [String], usage: [String: JSONValue], responseModel: String?, toolCalls: [JSONValue]? = nil) {
        self.outputs = outputs
        self.usage = usage
        self.responseModel = responseModel
        self.toolCalls = toolCalls
    }

    /// The outputs with their tool calls.
    var replies: [LMReply] {
        outputs.enumerated().map { index, text in
            let calls = toolCalls.flatMap { index < $0.count ? $0[index] : nil }
            return LMReply(text: text, toolCalls: calls == .null ? nil : calls)
        }
    }
}
