import JSON

extension JSONAdapter {
    /// The `response_format` DSPy 3.4.1's JSONAdapter sets before calling a model, from what the model is known
    /// to accept (`_prepare_response_format`); `nil` leaves the call's settings as they are.
    ///
    /// A model not known to take `response_format` (a custom LM, a local model's own name) gets none; one known
    /// to take it but not structured outputs, or a signature with an open-ended `dict[K, V]` output, gets JSON
    /// mode, as does a `ToolCalls` output asked for as text; the rest get strict structured outputs for the output
    /// fields (without a `ToolCalls` one, which native function calling fills). DSPy decides before the call and does
    /// not retry another format when the server rejects one: the rejection is the call's error.
    public static func responseFormat(
        for signature: Signature, capabilities: ModelCapabilities, nativeFunctionCalling: Bool = true
    ) -> JSONValue? {
        guard capabilities.acceptsResponseFormat else { return nil }
        let hasOpenEndedMapping = signature.outputFields.contains { field in
            if case .dict(.some, .some) = field.type { true } else { false }
        }
        let callsAsText = !nativeFunctionCalling && signature.outputFields.contains { $0.type == .dspyType(.toolCalls) }
        guard capabilities.responseSchema, !hasOpenEndedMapping, !callsAsText else { return ["type": "json_object"] }
        let outputs = Signature(fields: signature.fields.filter { $0.type != .dspyType(.toolCalls) }, instructions: signature.instructions)
        return [
            "type": "json_schema",
            "json_schema": ["name": "DSPyProgramOutputs", "schema": structuredOutputsSchema(outputs), "strict": true],
        ]
    }

    /// The schema of the pydantic model DSPy builds from the output fields (`DSPyProgramOutputs`), with every
    /// object closed and all its properties required, as OpenAI's strict structured outputs demand.
    ///
    /// Each object's `required` lists its properties in field (or model declaration) order; the request body writes `properties` in that
    /// order, since the model generates the fields in schema order.
    static func structuredOutputsSchema(_ signature: Signature) -> JSONValue {
        var properties: [String: JSONValue] = [:], definitions: [String: JSONValue] = [:]
        for field in signature.outputFields {
            var schema = field.type.schema(definitions: &definitions).objectValue ?? [:]
            if field.type.takesTitle { schema["title"] = .string(FieldType.propertyTitle(field.name)) }
            properties[field.name] = .object(schema)
        }
        var schema: [String: JSONValue] = [
            "type": "object", "title": "DSPyProgramOutputs", "properties": .object(properties),
            "required": .array(signature.outputFields.map { .string($0.name) }),
        ]
        var models: [String: ObjectSchema] = [:]
        for field in signature.outputFields { field.type.collectModels(into: &models) }
        if !definitions.isEmpty { schema["$defs"] = .object(definitions.mapValues { requiringEveryProperty($0, models: models) }) }
        return requiringEveryProperty(.object(schema), models: [:])
    }

    /// DSPy's `enforce_required`: objects (also as array items and under `$defs`) get `additionalProperties: false`
    /// and every property required, and one without properties gets empty `properties` and `required`. `anyOf`
    /// members are left alone, as in DSPy.
    private static func requiringEveryProperty(_ schema: JSONValue, models: [String: ObjectSchema]) -> JSONValue {
        guard var members = schema.objectValue else { return schema }
        if members["type"] == "object" {
            members["properties"] = .object((members["properties"]?.objectValue ?? [:]).mapValues { requiringEveryProperty($0, models: models) })
            let model = members["title"]?.stringValue.flatMap { models[$0] }
            members["required"] = model.map { .array($0.properties.map { .string($0.name) }) } ?? members["required"] ?? []
            members["additionalProperties"] = false
        }
        if members["type"] == "array", let items = members["items"] {
            members["items"] = requiringEveryProperty(items, models: models)
        }
        return .object(members)
    }
}
