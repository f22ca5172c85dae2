import JSON

/// DSPy's types that adapters render in their own way rather than as JSON values.
public enum DSPyType: String, Hashable, Sendable {
    /// `dspy.Image`: an image part of the user message (`Image`).
    case image = "Image"
    /// `dspy.History`: past turns as user/assistant messages (`History`); an input only.
    case history = "History"
    /// `dspy.Tool`: a tool shown by its description (`Tool.json`); an input only.
    case tool = "Tool"
    /// `dspy.ToolCalls`: the tool calls a model asks for (`ToolCalls`).
    case toolCalls = "ToolCalls"

    /// The type's `description()`, which DSPy adds to the field's line in the system message; empty for none.
    var typeDescription: String {
        guard self == .toolCalls else { return "" }
        return "Tool calls must be a JSON object with `tool_calls`, a list of calls. Each call must include `name` and `args`. "
            + "Example: {\"tool_calls\": [{\"name\": \"search\", \"args\": {\"query\": \"cats\"}}]}"
    }

    /// pydantic's schema of the type (`ToolCalls` without the ids and results DSPy hides); the input-only types
    /// have none.
    func schema(definitions: inout [String: JSONValue]) -> JSONValue {
        switch self {
        case .image:
            return ["additionalProperties": false, "properties": ["url": ["title": "Url", "type": "string"]],
                    "required": ["url"], "title": "Image", "type": "object"]
        case .toolCalls:
            definitions["ToolCall"] = [
                "properties": ["name": ["title": "Name", "type": "string"],
                               "args": ["additionalProperties": true, "title": "Args", "type": "object"]],
                "required": ["name", "args"], "title": "ToolCall", "type": "object",
            ]
            return ["properties": ["tool_calls": ["items": ["$ref": "#/$defs/ToolCall"], "title": "Tool Calls", "type": "array"]],
                    "required": ["tool_calls"], "title": "ToolCalls", "type": "object"]
        case .history, .tool:
            return [:]
        }
    }
}

extension FieldType {
    /// DSPy's own types inside this type, outermost first (`extract_custom_type_from_annotation`).
    var dspyTypes: [DSPyType] {
        switch self {
        case .dspyType(let type): [type]
        case .list(let element?): element.dspyTypes
        case .dict(let key, let value): (key?.dspyTypes ?? []) + (value?.dspyTypes ?? [])
        case .optional(let wrapped): wrapped.dspyTypes
        default: []
        }
    }

    /// Whether values of this type hold images or tools, which are shown in their own way.
    var holdsShownTypes: Bool { dspyTypes.contains { $0 == .image || $0 == .tool } }
}
