import JSON

/// DSPy's formatting of field values and field lists (`adapters/utils.py`), shared by the adapters.
enum FieldFormatting {
    /// `format_field_value`: a list for a `str` field as a numbered list of «blobs», containers as JSON, anything
    /// else as Python's `str()`.
    static func value(_ value: JSONValue, type: FieldType) -> String {
        let value = type.holdsShownTypes ? shown(value, type: type) : value
        switch value {
        case .array(let items) where type == .string:
            if items.isEmpty { return "N/A" }
            if items.count == 1 { return blob(items[0].pythonStr) }
            return items.enumerated().map { "[\($0.offset + 1)] \(blob($0.element.pythonStr))" }.joined(separator: "\n")
        case .array, .object:
            return typedValue(value, type: type).pythonJSON(order: type)
        default:
            return value.pythonStr
        }
    }

    /// DSPy's `serialize_for_json` of its own types inside a value: an image as its content parts between
    /// custom-type markers, a tool as its description.
    private static func shown(_ value: JSONValue, type: FieldType) -> JSONValue {
        switch (type, value) {
        case (.dspyType(.image), _): value["url"]?.stringValue.map { .string(CustomTypeMarkers.wrap(imageURL: $0)) } ?? value
        case (.dspyType(.tool), _): .string(Tool.promptDescription(value))
        case (.list(let element?), .array(let items)): .array(items.map { shown($0, type: element) })
        case (.dict(_, let element?), .object(let members)): .object(members.mapValues { shown($0, type: element) })
        case (.optional(let wrapped), _): shown(value, type: wrapped)
        default: value
        }
    }

    /// A value holding models or enums as pydantic dumps it: every field (absent optional ones `null`), floats as
    /// floats; other values, and values that do not fit, as they are.
    static func typedValue(_ value: JSONValue, type: FieldType) -> JSONValue {
        type.isStructured ? (try? ValueParsing.coerce(value, to: type)) ?? value : value
    }

    private static func blob(_ text: String) -> String {
        if !text.contains("\n") && !text.contains("«") && !text.contains("»") { return "«\(text)»" }
        return "«««\n    " + text.replacingOccurrences(of: "\n", with: "\n    ") + "\n»»»"
    }

    /// `get_field_description_string`: "1. `name` (type): description" lines.
    static func descriptions(_ fields: [SignatureField]) -> String {
        let lines = fields.enumerated().map { index, field in
            "\(index + 1). `\(field.name)` (\(field.type.annotationName)): " + (field.hasDefaultDescription ? "" : field.desc)
                + field.type.dspyTypes.filter { !$0.typeDescription.isEmpty }
                    .map { "\n    Type description of \($0.rawValue): \($0.typeDescription)" }.joined()
        }
        return PythonText.strip(lines.joined(separator: "\n"))
    }

    /// `translate_field_type`: the `{name}` placeholder with the output type note.
    static func placeholder(_ field: SignatureField) -> String {
        guard field.kind == .output, let note = field.type.outputTypeNote else { return "{\(field.name)}" }
        return "{\(field.name)}        # note: the value you produce \(note)"
    }

    /// `format_task_description`: the instructions, each line indented by eight spaces after a line break.
    static func taskDescription(_ signature: Signature) -> String {
        let lines = PythonText.splitLines(PythonText.dedent(signature.instructions))
        return "In adhering to this structure, your objective is: " + lines.map { "\n        " + $0 }.joined()
    }

    /// Python's `"\n\n".join(parts).strip()`.
    static func joinSections(_ parts: [String]) -> String {
        PythonText.strip(parts.joined(separator: "\n\n"))
    }

    /// The demos DSPy keeps, incomplete ones (some field missing or `None`, but at least one input and one
    /// output present) first, then complete ones.
    static func partitionDemos(_ demos: [Example], signature: Signature) -> (incomplete: [Example], complete: [Example]) {
        var incomplete: [Example] = [], complete: [Example] = []
        for demo in demos {
            let isComplete = signature.fields.allSatisfy { demo[$0.name].map { $0 != .null } ?? false }
            let hasInput = signature.inputFields.contains { demo.contains($0.name) }
            let hasOutput = signature.outputFields.contains { demo.contains($0.name) }
            if isComplete {
                complete.append(demo)
            } else if hasInput && hasOutput {
                incomplete.append(demo)
            }
        }
        return (incomplete, complete)
    }

    /// The wording DSPy puts in the user message of a demo with fields missing.
    static let incompleteDemoPrefix = "This is an example of the task, though some input or output fields are not supplied."
    /// The value DSPy shows for an output missing from an incomplete demo.
    static let notSuppliedForExample = "Not supplied for this particular example. "
    /// The value DSPy shows for an output missing from a complete demo (never happens for complete demos).
    static let notSuppliedForHistory = "Not supplied for this conversation history message. "
}
