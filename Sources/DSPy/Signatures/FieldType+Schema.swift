import JSON

extension FieldType {
    /// The JSON schema pydantic generates for the type (`TypeAdapter(annotation).json_schema()`).
    var schema: JSONValue {
        switch self {
        case .string: ["type": "string"]
        case .int: ["type": "integer"]
        case .float: ["type": "number"]
        case .bool: ["type": "boolean"]
        case .any: [:]
        case .list(let element): ["type": "array", "items": element?.schema ?? [:]]
        case .dict(_, let value):
            ["type": "object", "additionalProperties": value.flatMap { $0 == .any ? nil : $0.schema } ?? true]
        case .literal(let values):
            Self.commonSchemaType(values).map { ["type": .string($0), "enum": .array(values)] } ?? ["enum": .array(values)]
        case .optional(let wrapped): ["anyOf": [wrapped.schema, ["type": "null"]]]
        }
    }

    /// The schema as DSPy's prompts show it: `json.dumps` of pydantic's schema, whose `type` comes first.
    var jsonSchema: String { Self.promptForm(schema) }

    private static func promptForm(_ value: JSONValue) -> String {
        switch value {
        case .object(let members):
            let keys = members.keys.sorted { ($0 == "type" ? 0 : 1, $0) < ($1 == "type" ? 0 : 1, $1) }
            return "{" + keys.map { JSONValue.pythonJSONString($0) + ": " + promptForm(members[$0]!) }.joined(separator: ", ") + "}"
        case .array(let items):
            return "[" + items.map(promptForm).joined(separator: ", ") + "]"
        default:
            return value.pythonJSON()
        }
    }

    /// The JSON type shared by every value of a `Literal`, which pydantic then states; `nil` when they differ.
    private static func commonSchemaType(_ values: [JSONValue]) -> String? {
        let kinds = Set(values.map { value -> String in
            switch value {
            case .string: "string"
            case .int: "integer"
            case .double: "number"
            case .bool: "boolean"
            case .null: "null"
            default: "other"
            }
        })
        return kinds.count == 1 ? kinds.first : nil
    }
}
