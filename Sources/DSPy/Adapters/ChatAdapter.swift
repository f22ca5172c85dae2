import JSON

/// DSPy's default adapter: fields as `[[ ## name ## ]]` sections in chat messages, byte for byte as DSPy 3.4.1
/// writes them, with a retry through `JSONAdapter` when a completion cannot be parsed.
public struct ChatAdapter: JSONFallbackAdapter {
    public var useJSONAdapterFallback: Bool
    public var useNativeFunctionCalling: Bool

    public init(useJSONAdapterFallback: Bool = true, useNativeFunctionCalling: Bool = false) {
        self.useJSONAdapterFallback = useJSONAdapterFallback
        self.useNativeFunctionCalling = useNativeFunctionCalling
    }

    public func format(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> [ChatMessage] {
        let system = Self.systemMessages.message(for: signature) { systemMessage($0) }
        var messages = [ChatMessage(role: "system", content: system)]
        let (incomplete, complete) = FieldFormatting.partitionDemos(demos, signature: signature)
        for demo in incomplete {
            messages.append(ChatMessage(role: "user", content: userMessage(
                signature, values: demo.toDict(), prefix: FieldFormatting.incompleteDemoPrefix)))
            messages.append(ChatMessage(role: "assistant", content: assistantMessage(
                signature, outputs: demo.toDict(), missing: FieldFormatting.notSuppliedForExample)))
        }
        for demo in complete {
            messages.append(ChatMessage(role: "user", content: userMessage(signature, values: demo.toDict())))
            messages.append(ChatMessage(role: "assistant", content: assistantMessage(
                signature, outputs: demo.toDict(), missing: FieldFormatting.notSuppliedForHistory)))
        }
        return messages + ConversationHistory.turnsAndRequest(
            signature, inputs: inputs, user: { userMessage($0, values: $1, mainRequest: $2) },
            assistant: { assistantMessage($0, outputs: $1, missing: nil) })
    }

    private static let systemMessages = SystemMessageCache()

    /// The system message: field descriptions, the `[[ ## ]]` structure, and the instructions.
    public func systemMessage(_ signature: Signature) -> String {
        let description = "Your input fields are:\n" + FieldFormatting.descriptions(signature.inputFields)
            + "\nYour output fields are:\n" + FieldFormatting.descriptions(signature.outputFields)
        let structure = FieldFormatting.joinSections([
            "All interactions will be structured in the following way, with the appropriate values filled in.",
            Self.sections(signature.inputFields.map { ($0, JSONValue.string(FieldFormatting.placeholder($0))) }),
            Self.sections(signature.outputFields.map { ($0, JSONValue.string(FieldFormatting.placeholder($0))) }),
            "[[ ## completed ## ]]\n",
        ])
        return description + "\n" + structure + "\n" + FieldFormatting.taskDescription(signature)
    }

    /// A user message with the input fields present in `values`, and on the main request the reminder of the
    /// output format.
    func userMessage(
        _ signature: Signature, values: [String: JSONValue], prefix: String = "", mainRequest: Bool = false
    ) -> String {
        var parts = [prefix]
        for field in signature.inputFields {
            if let value = values[field.name] {
                parts.append("[[ ## \(field.name) ## ]]\n" + FieldFormatting.value(value, type: field.type))
            }
        }
        if mainRequest { parts.append(outputRequirements(signature)) }
        parts.append("")
        return FieldFormatting.joinSections(parts)
    }

    /// The reminder at the end of the request: which `[[ ## ]]` sections to write, in order.
    func outputRequirements(_ signature: Signature) -> String {
        "Respond with the corresponding output fields, starting with the field "
            + signature.outputFields.map { "`[[ ## \($0.name) ## ]]`" + Self.typeInfo($0) }.joined(separator: ", then ")
            + ", and then ending with the marker for `[[ ## completed ## ]]`."
    }

    static func typeInfo(_ field: SignatureField) -> String {
        switch field.type {
        case .string: ""
        case .dspyType(.toolCalls): " (must be a JSON object like {\"tool_calls\": [{\"name\": \"...\", \"args\": {...}}]})"
        default: " (must be formatted as a valid Python \(field.type.annotationName))"
        }
    }

    /// A demo's answer: every output field (`missing` for absent ones), then the `completed` marker.
    func assistantMessage(_ signature: Signature, outputs: [String: JSONValue], missing: String?) -> String {
        let missingValue = missing.map(JSONValue.string) ?? .null
        return Self.sections(signature.outputFields.map { ($0, outputs[$0.name] ?? missingValue) })
            + "\n\n[[ ## completed ## ]]\n"
    }

    /// `format_field_with_value`: `[[ ## name ## ]]` headers over formatted values.
    static func sections(_ fields: [(SignatureField, JSONValue)]) -> String {
        FieldFormatting.joinSections(fields.map { field, value in
            "[[ ## \(field.name) ## ]]\n" + FieldFormatting.value(value, type: field.type)
        })
    }
}
