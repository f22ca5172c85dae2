import JSON

/// DSPy's `XMLAdapter`: fields as `<name>...</name>` elements instead of `[[ ## name ## ]]` sections.
///
/// Values of `list` and `dict` outputs are written and read as JSON text inside the element (DSPy nests XML
/// elements for them).
public struct XMLAdapter: Adapter {
    public init() {}

    public var name: String { "XMLAdapter" }

    public func format(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> [ChatMessage] {
        var messages = [ChatMessage(role: "system", content: systemMessage(signature))]
        let (incomplete, complete) = FieldFormatting.partitionDemos(demos, signature: signature)
        for demo in incomplete {
            messages.append(ChatMessage(role: "user", content: userMessage(signature, demo.toDict(), prefix: FieldFormatting.incompleteDemoPrefix)))
            messages.append(ChatMessage(role: "assistant", content: assistantMessage(signature, demo.toDict(), missing: FieldFormatting.notSuppliedForExample)))
        }
        for demo in complete {
            messages.append(ChatMessage(role: "user", content: userMessage(signature, demo.toDict())))
            messages.append(ChatMessage(role: "assistant", content: assistantMessage(signature, demo.toDict(), missing: FieldFormatting.notSuppliedForHistory)))
        }
        let request = userMessage(signature, inputs, mainRequest: true)
        if !request.isEmpty { messages.append(ChatMessage(role: "user", content: request)) }
        return messages
    }

    func systemMessage(_ signature: Signature) -> String {
        let description = "Your input fields are:\n" + FieldFormatting.descriptions(signature.inputFields)
            + "\nYour output fields are:\n" + FieldFormatting.descriptions(signature.outputFields)
        let groups = [signature.inputFields, signature.outputFields].map { group in
            group.map { Self.elements([($0, .string(FieldFormatting.placeholder($0)))]) }.joined(separator: "\n\n")
        }
        let structure = (["All interactions will be structured in the following way, with the appropriate values filled in."] + groups)
            .joined(separator: "\n\n")
        return description + "\n" + structure + "\n" + FieldFormatting.taskDescription(signature)
    }

    func userMessage(_ signature: Signature, _ values: [String: JSONValue], prefix: String = "", mainRequest: Bool = false) -> String {
        let fields = signature.inputFields.compactMap { field in values[field.name].map { (field, $0) } }
        var parts = [prefix, Self.elements(fields)]
        if mainRequest {
            parts.append("Respond with the corresponding output fields wrapped in XML tags "
                + signature.outputFields.map { "`<\($0.name)>`" }.joined(separator: ", then ") + ".")
        }
        parts.append("")
        return FieldFormatting.joinSections(parts)
    }

    func assistantMessage(_ signature: Signature, _ outputs: [String: JSONValue], missing: String?) -> String {
        let missingValue = missing.map(JSONValue.string) ?? .null
        return Self.elements(signature.outputFields.map { ($0, outputs[$0.name] ?? missingValue) })
    }

    static func elements(_ fields: [(SignatureField, JSONValue)]) -> String {
        FieldFormatting.joinSections(fields.map { field, value in
            var formatted = FieldFormatting.value(value, type: field.type)
            if field.kind == .output && field.type == .string {
                formatted = formatted.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            }
            return "<\(field.name)>\n\(formatted)\n</\(field.name)>"
        })
    }

    /// Reads the first `<name>...</name>` element of each output field and parses it by the field's type.
    ///
    /// - Throws: `AdapterParseError` naming a field that is missing or does not fit its type.
    public func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for field in signature.outputFields {
            guard let open = completion.range(of: "<\(field.name)>"),
                let close = completion.range(of: "</\(field.name)>", range: open.upperBound..<completion.endIndex)
            else { continue }
            let text = PythonText.strip(String(completion[open.upperBound..<close.lowerBound]))
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            do {
                fields[field.name] = try ValueParsing.parse(.string(text), as: field.type)
            } catch {
                throw AdapterParseError(
                    adapterName: name, signature: signature, lmResponse: completion,
                    message: "Failed to parse field \(field.name) with value \(text): \(error)")
            }
        }
        return try ChatAdapter.completeOutputs(fields, signature: signature, adapterName: name, completion: completion)
    }
}
