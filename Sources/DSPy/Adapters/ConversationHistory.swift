import JSON

/// DSPy's `format_conversation_history`: a signature's `History` input shown as past turns, each a user message
/// (the turn's inputs, with the output reminder when it has any) and an assistant message (its outputs, `None` for
/// those it lacks), between the demos and the request, which are then formatted without the history field.
struct ConversationHistory {
    /// The signature without its history field: what the turns and the request are formatted with.
    let signature: Signature
    /// The inputs without the history.
    let inputs: [String: JSONValue]
    /// The past turns' field values.
    let turns: [[String: JSONValue]]

    /// The history of `signature`'s first `History` input, `nil` when it has none.
    init?(_ signature: Signature, inputs: [String: JSONValue]) {
        guard let field = signature.inputFields.first(where: { $0.type == .dspyType(.history) }) else { return nil }
        self.signature = Signature(fields: signature.fields.filter { $0.name != field.name }, instructions: signature.instructions)
        var inputs = inputs
        let history = inputs.removeValue(forKey: field.name)
        self.inputs = inputs
        turns = (history?["messages"]?.arrayValue ?? []).compactMap(\.objectValue)
    }

    /// The turns as messages, through the adapter's own user and assistant formatting.
    func messages(
        user: (Signature, [String: JSONValue], _ mainRequest: Bool) -> String,
        assistant: (Signature, [String: JSONValue]) -> String
    ) -> [ChatMessage] {
        turns.flatMap { turn in
            let asks = signature.inputFields.contains { turn[$0.name] != nil }
            let question = user(signature, turn, asks)
            return (question.isEmpty ? [] : [ChatMessage(role: "user", content: question)])
                + [ChatMessage(role: "assistant", content: assistant(signature, turn))]
        }
    }

    /// The end of an adapter's messages: the past turns when `signature` has a `History` input, then the main
    /// request (left out when it has no text), each through the adapter's own user and assistant formatting.
    static func turnsAndRequest(
        _ signature: Signature, inputs: [String: JSONValue],
        user: (Signature, [String: JSONValue], _ mainRequest: Bool) -> String,
        assistant: (Signature, [String: JSONValue]) -> String
    ) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        var request = (signature: signature, inputs: inputs)
        if let history = ConversationHistory(signature, inputs: inputs) {
            messages = history.messages(user: user, assistant: assistant)
            request = (history.signature, history.inputs)
        }
        let content = user(request.signature, request.inputs, true)
        if !content.isEmpty { messages.append(ChatMessage(role: "user", content: content)) }
        return messages
    }
}
