import JSON

extension FieldType {
    /// The JSON schema pydantic generates for the type (`TypeAdapter(annotation).json_schema()`): models and enums
    /// nested inside it are `$ref`s to their schemas under `$defs`.
    var schema: JSONValue {
        var definitions: [String: JSONValue] = [:]
        var root = schema(definitions: &definitions, isRoot: true)
        if !definitions.isEmpty, case .object(var members) = root {
            members["$defs"] = .object(definitions)
            root = .object(members)
        }
        return root
    }

    /// The type's schema with models and enums (other than a root one) written as `$ref`s, their schemas added
    /// to `definitions`.
    func schema(definitions: inout [String: JSONValue], isRoot: Bool = false) -> JSONValue {
        switch self {
        case .string: return ["type": "string"]
        case .int: return ["type": "integer"]
        case .float: return ["type": "number"]
        case .bool: return ["type": "boolean"]
        case .any: return [:]
        case .list(let element): return ["type": "array", "items": element?.schema(definitions: &definitions) ?? [:]]
        case .dict(_, let value):
            var values: JSONValue = true
            if let value, value != .any { values = value.schema(definitions: &definitions) }
            return ["type": "object", "additionalProperties": values]
        case .literal(let values):
            return Self.commonSchemaType(values).map { ["type": .string($0), "enum": .array(values)] } ?? ["enum": .array(values)]
        case .optional(let wrapped): return ["anyOf": [wrapped.schema(definitions: &definitions), ["type": "null"]]]
        case .object(let model):
            let schema = Self.modelSchema(model, definitions: &definitions)
            return isRoot ? schema : Self.reference(model.name, schema, in: &definitions)
        case .enumeration(let enumeration):
            var schema: JSONValue = ["title": .string(enumeration.name), "enum": .array(enumeration.rawValues)]
            if let type = Self.commonSchemaType(enumeration.rawValues) { schema = schema.setting("type", .string(type)) }
            return isRoot ? schema : Self.reference(enumeration.name, schema, in: &definitions)
        case .dspyType(let type):
            let schema = type.schema(definitions: &definitions)
            return isRoot ? schema : Self.reference(type.rawValue, schema, in: &definitions)
        }
    }

    private static func reference(_ name: String, _ schema: JSONValue, in definitions: inout [String: JSONValue]) -> JSONValue {
        definitions[name] = schema
        return ["$ref": .string("#/$defs/\(name)")]
    }

    /// pydantic's model schema: properties titled from their names (`first_name` → `First Name`), a `$ref` left
    /// bare, optional ones defaulting to `null` and left out of `required`.
    private static func modelSchema(_ model: ObjectSchema, definitions: inout [String: JSONValue]) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for property in model.properties {
            var schema = property.type.schema(definitions: &definitions).objectValue ?? [:]
            if property.type.takesTitle { schema["title"] = .string(propertyTitle(property.name)) }
            if let description = property.description { schema["description"] = .string(description) }
            if !property.isRequired { schema["default"] = .null }
            properties[property.name] = .object(schema)
        }
        var members: [String: JSONValue] = [
            "type": "object", "title": .string(model.name), "properties": .object(properties),
        ]
        let required = model.properties.filter(\.isRequired).map { JSONValue.string($0.name) }
        if !required.isEmpty { members["required"] = .array(required) }
        if let description = model.description { members["description"] = .string(PythonText.cleandoc(description)) }
        return .object(members)
    }

    /// Whether pydantic titles a field of this type: not a model or an enum (a `$ref`), optional or not.
    var takesTitle: Bool {
        switch self {
        case .object, .enumeration, .dspyType: false
        case .optional(let wrapped): wrapped.takesTitle
        default: true
        }
    }

    /// pydantic's default title of a field: `str.title()`, underscores as spaces.
    static func propertyTitle(_ name: String) -> String {
        PythonText.title(name).replacingOccurrences(of: "_", with: " ")
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

extension JSONValue {
    /// The object with `key` set to `value`; other values unchanged.
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}

extension FieldType {
    /// The models inside the type, by name.
    func collectModels(into models: inout [String: ObjectSchema]) {
        switch self {
        case .list(let element?): element.collectModels(into: &models)
        case .dict(_, let value?): value.collectModels(into: &models)
        case .optional(let wrapped): wrapped.collectModels(into: &models)
        case .object(let model):
            models[model.name] = model
            for property in model.properties { property.type.collectModels(into: &models) }
        default: break
        }
    }
}

extension JSONValue {
    /// DSPy's `_resolve_json_schema_reference`: every `{"$ref": "#/$defs/Name"}` replaced by that definition
    /// (recursively), and `$defs` dropped.
    public func resolvingReferences(in definitions: [String: JSONValue]) -> JSONValue {
        switch self {
        case .object(let members):
            if let reference = members["$ref"]?.stringValue, let name = reference.split(separator: "/").last,
               let definition = definitions[String(name)] {
                return definition.resolvingReferences(in: definitions)
            }
            return .object(members.filter { $0.key != "$defs" }.mapValues { $0.resolvingReferences(in: definitions) })
        case .array(let items): return .array(items.map { $0.resolvingReferences(in: definitions) })
        default: return self
        }
    }
}
