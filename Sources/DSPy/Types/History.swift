import JSON

/// Past turns of a conversation (DSPy's `dspy.History`): each message holds values of the signature's fields,
/// and adapters show each as a user message (its inputs) and an assistant message (its outputs).
///
/// ```swift
/// let chat = Predict(Signature { InputField("question"); InputField("history", type: .dspyType(.history)); OutputField("answer") })
/// let history = History(messages: [["question": "Capital of France?", "answer": "Paris"]])
/// let answer = try chat(question: "And Germany?", history: history.json).answer
/// ```
public struct History: Hashable, Sendable {
    public var messages: [[String: JSONValue]]

    public init(messages: [[String: JSONValue]]) {
        self.messages = messages
    }

    /// The value a signature's `History` field takes: `{"messages": [...]}`.
    public var json: JSONValue { ["messages": .array(messages.map(JSONValue.object))] }
}
