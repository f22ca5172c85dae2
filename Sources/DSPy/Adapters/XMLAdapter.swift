import JSON

/// DSPy's `XMLAdapter`: fields as `<name>...</name>` elements instead of `[[ ## name ## ]]` sections.
///
/// Typed `list` and `dict` outputs are nested elements (`<tags><item>a</item></tags>`), in demos, in the structure
/// the prompt shows, and when read back; inputs and other values are written as `ChatAdapter` writes them.
/// Completions are read as XML, as DSPy reads them with `xml.etree`: one that is not well-formed is a parse error,
/// and (as for `ChatAdapter`, which DSPy's XMLAdapter extends) the call is then retried through `JSONAdapter`.
public struct XMLAdapter: JSONFallbackAdapter {
    public var useJSONAdapterFallback: Bool
    public var useNativeFunctionCalling: Bool

    public init(useJSONAdapterFallback: Bool = true, useNativeFunctionCalling: Bool = false) {
        self.useJSONAdapterFallback = useJSONAdapterFallback
        self.useNativeFunctionCalling = useNativeFunctionCalling
    }

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
            group.map { field in
                field.kind == .output && Self.usesNestedXML(field.type)
                    ? Self.schemaXML(field.name, field.type.schema)
                    : Self.elements([(field, .string(FieldFormatting.placeholder(field)))])
            }.joined(separator: "\n\n")
        }
        let structure = (["All interactions will be structured in the following way, with the appropriate values filled in."] + groups)
            .joined(separator: "\n\n")
        return description + "\n" + structure + "\n" + FieldFormatting.taskDescription(signature)
    }

    func userMessage(_ signature: Signature, _ values: [String: JSONValue], prefix: String = "", mainRequest: Bool = false) -> String {
        let fields = signature.inputFields.compactMap { field in values[field.name].map { (field, $0) } }
        var parts = [prefix, Self.elements(fields)]
        if mainRequest { parts.append(outputRequirements(signature)) }
        parts.append("")
        return FieldFormatting.joinSections(parts)
    }

    /// The reminder at the end of the request: which elements to write, and the nested structure of typed lists
    /// and dicts.
    func outputRequirements(_ signature: Signature) -> String {
        let schemas = signature.outputFields.filter { Self.usesNestedXML($0.type) }.map { Self.schemaXML($0.name, $0.type.schema) }
        return "Respond with the corresponding output fields wrapped in XML tags "
            + signature.outputFields.map { "`<\($0.name)>`" }.joined(separator: ", then ") + "."
            + (schemas.isEmpty ? "" : " Use this nested XML structure: " + schemas.joined(separator: " "))
    }

    func assistantMessage(_ signature: Signature, _ outputs: [String: JSONValue], missing: String?) -> String {
        let missingValue = missing.map(JSONValue.string) ?? .null
        return Self.elements(signature.outputFields.map { ($0, outputs[$0.name] ?? missingValue) })
    }

    /// `format_field_with_value`: each field as an element; a typed list or dict output's value as nested XML,
    /// a `str` output's text with `&` and `<` escaped.
    static func elements(_ fields: [(SignatureField, JSONValue)]) -> String {
        FieldFormatting.joinSections(fields.map { field, value in
            let isOutput = field.kind == .output
            if isOutput, usesNestedXML(field.type), value.arrayValue != nil || value.objectValue != nil {
                return valueXML(value, tag: field.name)
            }
            var formatted = FieldFormatting.value(value, type: field.type)
            if isOutput && field.type == .string {
                formatted = formatted.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            }
            return "<\(field.name)>\n\(formatted)\n</\(field.name)>"
        })
    }

    /// Reads the completion as XML and each output field from its top-level elements, shaped by the field's
    /// schema and parsed by its type (trying the schema, then each `anyOf` member, as DSPy does).
    ///
    /// - Throws: `AdapterParseError` when the completion is not well-formed XML, naming where; when a field's
    ///   value does not fit its type, naming the field; when a field is missing.
    public func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue] {
        let root: ElementTree.Element
        do {
            root = try ElementTree.fromString("<dspy_root>\(completion)</dspy_root>")
        } catch {
            throw AdapterParseError(adapterName: name, signature: signature, lmResponse: completion, message: "Failed to parse XML: \(error)")
        }
        let elements = Dictionary(Self.groupedChildren(root).map { ($0.name, $0.elements) }, uniquingKeysWith: { first, _ in first })
        var fields: [String: JSONValue] = [:]
        for field in signature.outputFields {
            guard let found = elements[field.name] else { continue }
            let schema = field.type.schema
            var failure: (value: JSONValue, error: any Error)?
            for candidate in [schema] + (schema["anyOf"]?.arrayValue ?? []) {
                let value = Self.value(of: found, schema: candidate)
                do {
                    fields[field.name] = try Self.parseValue(value, as: field.type)
                    failure = nil
                    break
                } catch {
                    failure = (value, error)
                }
            }
            if let failure {
                throw AdapterParseError(
                    adapterName: name, signature: signature, lmResponse: completion,
                    message: "Failed to parse field \(field.name) with value \(failure.value.pythonRepr): \(failure.error)")
            }
        }
        return try ChatAdapter.completeOutputs(fields, signature: signature, adapterName: name, completion: completion)
    }

    /// `parse_value`, then pydantic's plain validation of the raw value when that fails.
    private static func parseValue(_ value: JSONValue, as type: FieldType) throws -> JSONValue {
        do {
            return try ValueParsing.parse(value, as: type)
        } catch {
            return try ValueParsing.coerce(value, to: type)
        }
    }
}
