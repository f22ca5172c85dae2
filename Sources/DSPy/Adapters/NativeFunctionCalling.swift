import JSON

/// DSPy's native function calling (`Adapter._call_preprocess`/`_call_postprocess`): when a signature has a
/// `list[Tool]` input and a `ToolCalls` output and the model is known to call functions, the tools go into the
/// request's `tools`, both fields leave the prompt, and the reply's `tool_calls` become the `ToolCalls` value.
struct NativeFunctionCalling {
    /// The signature the prompt is formatted and the text parsed with: without the tools and the calls.
    let signature: Signature
    let callsField: String

    /// The plan for one call, setting `config["tools"]`; `nil` (and no tool settings left in `config`) when the
    /// adapter does not use native calls, the signature has no tools and calls, or the model cannot call functions.
    init?(_ signature: Signature, inputs: [String: JSONValue], lm: any LanguageModel, config: inout [String: JSONValue], enabled: Bool) {
        let tools = signature.inputFields.first { $0.type.dspyTypes.first == .tool }
        let calls = signature.outputFields.first { $0.type == .dspyType(.toolCalls) }
        guard enabled, let tools, let calls, lm.capabilities.functionCalling else {
            for key in ["tools", "tool_choice", "parallel_tool_calls"] { config.removeValue(forKey: key) }
            return nil
        }
        let given = inputs[tools.name] ?? []
        config["tools"] = .array((given.arrayValue ?? [given]).map(Tool.functionCall))
        self.signature = Signature(
            fields: signature.fields.filter { $0.name != tools.name && $0.name != calls.name }, instructions: signature.instructions)
        callsField = calls.name
    }

    /// Each reply's outputs: its text parsed (a reply with tool calls may have none), the calls as `ToolCalls`, and
    /// `null` for any output field the reply did not give.
    ///
    /// - Throws: `AdapterParseError` for a reply with neither text nor calls, or text without calls that does not parse.
    func outputs(_ replies: [LMReply], original: Signature, adapter: any Adapter) throws -> [[String: JSONValue]] {
        try replies.map { reply in
            var values: [String: JSONValue]
            if let calls = reply.toolCalls {
                values = reply.text.isEmpty || signature.outputFields.isEmpty ? [:] : (try? adapter.parse(signature, completion: reply.text)) ?? [:]
                values[callsField] = ToolCalls.normalized(calls)
            } else if !reply.text.isEmpty {
                values = try adapter.parse(signature, completion: reply.text)
            } else {
                throw AdapterParseError(adapterName: adapter.name, signature: original, lmResponse: reply.text,
                                        message: "The LM returned an empty or null response.")
            }
            for field in original.outputFields where values[field.name] == nil { values[field.name] = .null }
            return values
        }
    }
}

extension Adapter {
    /// Formats, calls `lm` and parses, natively calling functions when `native` and the signature asks for calls.
    func callNativeOrText(
        lm: any LanguageModel, config: [String: JSONValue], signature: Signature, demos: [Example],
        inputs: [String: JSONValue], native: Bool
    ) throws -> [[String: JSONValue]] {
        var config = config
        guard let plan = NativeFunctionCalling(signature, inputs: inputs, lm: lm, config: &config, enabled: native) else {
            return try parseAll(lm.generate(messages: format(signature, demos: demos, inputs: inputs), config: config), signature: signature)
        }
        let replies = try lm.generateReplies(messages: format(plan.signature, demos: demos, inputs: inputs), config: config)
        return try plan.outputs(replies, original: signature, adapter: self)
    }
}
