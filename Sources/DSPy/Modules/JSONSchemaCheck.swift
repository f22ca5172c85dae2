import JSON

/// The part of JSON Schema that tool arguments are checked against before a call, with the `jsonschema` package's
/// messages for the error it reports first (`'x' is not of type 'integer'`, `'a' is a required property`, ...):
/// `type`, `enum`, `required`, `additionalProperties`, `properties`, `items` and `anyOf`.
enum JSONSchemaCheck {
    /// The first violation, keywords of an object before those of its members; `nil` when `instance` fits.
    static func violation(of schema: JSONValue, by instance: JSONValue) -> String? {
        if let types = schema["type"].map({ $0.arrayValue ?? [$0] })?.compactMap(\.stringValue),
           !types.contains(where: { matches(instance, type: $0) })
        {
            return "\(instance.pythonRepr) is not of type " + types.map(JSONValue.pythonStringRepr).joined(separator: ", ")
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(where: { ValueParsing.pythonEqual($0, instance) }) {
            return "\(instance.pythonRepr) is not one of \(JSONValue.array(allowed).pythonRepr)"
        }
        if let options = schema["anyOf"]?.arrayValue, !options.contains(where: { violation(of: $0, by: instance) == nil }) {
            return "\(instance.pythonRepr) is not valid under any of the given schemas"
        }
        if let members = instance.objectValue { return objectViolation(schema, members) }
        if let items = instance.arrayValue, let itemSchema = schema["items"] {
            return items.lazy.compactMap { violation(of: itemSchema, by: $0) }.first
        }
        return nil
    }

    private static func objectViolation(_ schema: JSONValue, _ members: [String: JSONValue]) -> String? {
        let properties = schema["properties"]?.objectValue ?? [:]
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            return "\(JSONValue.pythonStringRepr(name)) is a required property"
        }
        if schema["additionalProperties"] == .bool(false) {
            let extra = members.keys.filter { properties[$0] == nil }.sorted()
            if !extra.isEmpty {
                let names = extra.map(JSONValue.pythonStringRepr).joined(separator: ", ")
                return "Additional properties are not allowed (\(names) \(extra.count == 1 ? "was" : "were") unexpected)"
            }
        }
        for name in members.keys.sorted() {
            guard let propertySchema = properties[name] ?? schema["additionalProperties"].flatMap({ $0.objectValue != nil ? $0 : nil })
            else { continue }
            if let violation = violation(of: propertySchema, by: members[name]!) { return violation }
        }
        return nil
    }

    /// `jsonschema`'s type checks: a bool is no number, a float with no fraction is an integer.
    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object): true
        case ("integer", .int), ("number", .int), ("number", .double): true
        case ("integer", .double(let number)): number.rounded() == number
        default: false
        }
    }

}
