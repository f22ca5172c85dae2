import JSON

extension Signature {
    /// DSPy's saved form: `{"instructions": ..., "fields": [{"prefix": ..., "description": ...}]}`.
    public func dumpState() -> JSONValue {
        [
            "instructions": .string(instructions),
            "fields": .array(fields.map { ["prefix": .string($0.prefix), "description": .string($0.desc)] }),
        ]
    }

    /// This signature with the instructions, prefixes and descriptions of a saved state.
    ///
    /// - Throws: `SignatureError.invalidState` naming what is missing.
    public func loadingState(_ state: JSONValue) throws -> Signature {
        guard let instructions = state["instructions"]?.stringValue else { throw SignatureError.invalidState("no instructions") }
        guard let saved = state["fields"]?.arrayValue else { throw SignatureError.invalidState("no fields") }
        var copy = withInstructions(instructions)
        for (field, savedField) in zip(fields, saved) {
            copy = copy.withUpdatedField(field.name) { updated in
                if let prefix = savedField["prefix"]?.stringValue { updated.prefix = prefix }
                if let desc = savedField["description"]?.stringValue { updated.desc = desc }
            }
        }
        return copy
    }
}
