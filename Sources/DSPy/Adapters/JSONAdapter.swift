import JSON

/// DSPy's `JSONAdapter`: inputs as `[[ ## name ## ]]` sections, outputs requested and read as one JSON object.
/// `ChatAdapter` falls back to it when a completion cannot be parsed.
public struct JSONAdapter: Adapter {
    private let chat = ChatAdapter(useJSONAdapterFallback: false)
    /// Whether a signature with `list[Tool]` inputs and a `ToolCalls` output uses the model's native function
    /// calling (DSPy's JSONAdapter does by default).
    public var useNativeFunctionCalling: Bool

    public init(useNativeFunctionCalling: Bool = true) {
        self.useNativeFunctionCalling = useNativeFunctionCalling
    }

    /// Asks for structured outputs, JSON mode or neither, as DSPy decides from the model's known capabilities
    /// (`responseFormat(for:capabilities:)`), then formats and parses.
    public func callAsFunction(
        lm: any LanguageModel, config: [String: JSONValue], signature: Signature, demos: [Example],
        inputs: [String: JSONValue]
    ) throws -> [[String: JSONValue]] {
        var config = config
        if let format = Self.responseFormat(for: signature, capabilities: lm.capabilities, nativeFunctionCalling: useNativeFunctionCalling) {
            config["response_format"] = format
        }
        return try callNativeOrText(lm: lm, config: config, signature: signature, demos: demos, inputs: inputs,
                                    native: useNativeFunctionCalling)
    }

    public func format(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> [ChatMessage] {
        var messages = [ChatMessage(role: "system", content: systemMessage(signature))]
        let (incomplete, complete) = FieldFormatting.partitionDemos(demos, signature: signature)
        for demo in incomplete {
            messages.append(ChatMessage(role: "user", content: chat.userMessage(
                signature, values: demo.toDict(), prefix: FieldFormatting.incompleteDemoPrefix)))
            messages.append(ChatMessage(role: "assistant", content: assistantMessage(
                signature, outputs: demo.toDict(), missing: FieldFormatting.notSuppliedForExample)))
        }
        for demo in complete {
            messages.append(ChatMessage(role: "user", content: chat.userMessage(signature, values: demo.toDict())))
            messages.append(ChatMessage(role: "assistant", content: assistantMessage(
                signature, outputs: demo.toDict(), missing: FieldFormatting.notSuppliedForHistory)))
        }
        return messages + ConversationHistory.turnsAndRequest(
            signature, inputs: inputs, user: { userMessage($0, values: $1, mainRequest: $2) },
            assistant: { assistantMessage($0, outputs: $1, missing: nil) })
    }

    /// ChatAdapter's user message, ending on the main request with the reminder to answer in JSON.
    func userMessage(_ signature: Signature, values: [String: JSONValue], mainRequest: Bool) -> String {
        let message = chat.userMessage(signature, values: values)
        return mainRequest ? FieldFormatting.joinSections([message, outputRequirements(signature), ""]) : message
    }

    /// The system message: field descriptions, the input sections and output JSON object, and the instructions.
    public func systemMessage(_ signature: Signature) -> String {
        let description = "Your input fields are:\n" + FieldFormatting.descriptions(signature.inputFields)
            + "\nYour output fields are:\n" + FieldFormatting.descriptions(signature.outputFields)
        let structure = FieldFormatting.joinSections([
            "All interactions will be structured in the following way, with the appropriate values filled in.",
            "Inputs will have the following structure:",
            ChatAdapter.sections(signature.inputFields.map { ($0, JSONValue.string(FieldFormatting.placeholder($0))) }),
            "Outputs will be a JSON object with the following fields.",
            Self.orderedObject(signature.outputFields.map { ($0.name, JSONValue.string(FieldFormatting.placeholder($0))) }),
        ])
        return description + "\n" + structure + "\n" + FieldFormatting.taskDescription(signature)
    }

    func outputRequirements(_ signature: Signature) -> String {
        "Respond with a JSON object in the following order of fields: "
            + signature.outputFields.map { "`\($0.name)`" + ChatAdapter.typeInfo($0) }.joined(separator: ", then ") + "."
    }

    func assistantMessage(_ signature: Signature, outputs: [String: JSONValue], missing: String?) -> String {
        let missingValue = missing.map(JSONValue.string) ?? .null
        return Self.orderedObject(signature.outputFields.map { field in
            (field.name, FieldFormatting.typedValue(outputs[field.name] ?? missingValue, type: field.type))
        }, types: signature.outputFields.map(\.type))
    }

    /// `json.dumps(dict, indent=2, ensure_ascii=False)` keeping the members' order.
    /// `types` (one per member, when given) order the members of typed values.
    static func orderedObject(_ members: [(String, JSONValue)], types: [FieldType]? = nil) -> String {
        guard !members.isEmpty else { return "{}" }
        let lines = members.enumerated().map { index, member in
            "  " + JSONValue.pythonJSONString(member.0) + ": "
                + member.1.pythonJSON(indent: 2, order: types?[index]).replacingOccurrences(of: "\n", with: "\n  ")
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}"
    }

    /// Reads the first JSON object in the completion and parses each output field by its type.
    ///
    /// - Throws: `AdapterParseError` when there is no object, a field is missing or does not fit its type.
    public func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue] {
        var object = LenientJSON.repair(completion)?.objectValue
        if object == nil, let braces = Self.firstBalancedBraces(completion) {
            object = LenientJSON.repair(braces)?.objectValue
        }
        guard let object else {
            throw AdapterParseError(
                adapterName: name, signature: signature, lmResponse: completion,
                message: "LM response cannot be serialized to a JSON object.")
        }
        var fields: [String: JSONValue] = [:]
        for field in signature.outputFields {
            guard let value = object[field.name] else { continue }
            do {
                fields[field.name] = try ValueParsing.parse(value, as: field.type)
            } catch {
                throw AdapterParseError(
                    adapterName: name, signature: signature, lmResponse: completion,
                    message: "Failed to parse field \(field.name): \(error)", parsedResult: fields)
            }
        }
        return try ChatAdapter.completeOutputs(fields, signature: signature, adapterName: name, completion: completion)
    }

    /// The first `{...}` with balanced braces (DSPy's recursive regex), ignoring quoting as it does.
    static func firstBalancedBraces(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        while let open = scalars[start...].firstIndex(of: "{") {
            var depth = 0
            for index in open..<scalars.count {
                if scalars[index] == "{" { depth += 1 }
                if scalars[index] == "}" {
                    depth -= 1
                    if depth == 0 { return String(String.UnicodeScalarView(scalars[open...index])) }
                }
            }
            start = open + 1
        }
        return nil
    }
}
