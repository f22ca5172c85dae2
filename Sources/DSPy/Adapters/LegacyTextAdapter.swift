import JSON

/// The DSPy 2.4 prompt as one user message, for faithful replays of notebooks written against it: the
/// instructions, "Follow the following format." with `Prefix: description` lines, the demos, then the inputs
/// ending in the first output's empty prefix, parts separated by `---`. The completion continues that prefix.
///
/// Values are written on one line with runs of whitespace collapsed, as DSPy 2.4's default formatter did.
public struct LegacyTextAdapter: Adapter {
    public init() {}

    public var name: String { "LegacyTextAdapter" }

    public func format(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> [ChatMessage] {
        [ChatMessage(role: "user", content: prompt(signature, demos: demos, inputs: inputs))]
    }

    /// The whole prompt text.
    public func prompt(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> String {
        let guidelines = "Follow the following format.\n\n"
            + signature.fields.map { "\(Self.label($0)) \($0.desc)" }.joined(separator: "\n")
        let shownDemos = demos.map { demo in
            signature.fields.compactMap { field -> String? in
                guard let value = demo[field.name], value != .null else { return nil }
                return "\(Self.label(field)) \(Self.collapse(value))"
            }.joined(separator: "\n")
        }.filter { !$0.isEmpty }
        var query = signature.inputFields.compactMap { field -> String? in
            inputs[field.name].map { "\(Self.label(field)) \(Self.collapse($0))" }
        }
        if let firstOutput = signature.outputFields.first { query.append(Self.label(firstOutput)) }
        let parts = [signature.instructions, guidelines] + shownDemos + [query.joined(separator: "\n")]
        return PythonText.strip(parts.map(PythonText.strip).filter { !$0.isEmpty }.joined(separator: "\n\n---\n\n"))
    }

    /// Splits the completion at each later output's prefix, as DSPy 2.4's `Template.extract`.
    ///
    /// - Throws: `AdapterParseError` when an output is missing or does not fit its type.
    public func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue] {
        var remaining = PythonText.strip(completion)
        var fields: [String: JSONValue] = [:]
        let outputs = signature.outputFields
        for (index, field) in outputs.enumerated() where !remaining.isEmpty {
            var text = remaining
            if index + 1 < outputs.count, let next = remaining.range(of: "\n" + Self.label(outputs[index + 1])) {
                text = String(remaining[..<next.lowerBound])
                remaining = Self.clean(String(remaining[next.upperBound...]))
            } else {
                remaining = ""
            }
            let value = Self.clean(text)
            do {
                fields[field.name] = try ValueParsing.parse(.string(value), as: field.type)
            } catch {
                throw AdapterParseError(
                    adapterName: name, signature: signature, lmResponse: completion,
                    message: "Failed to parse field \(field.name) with value \(value): \(error)")
            }
        }
        return try ChatAdapter.completeOutputs(fields, signature: signature, adapterName: name, completion: completion)
    }

    /// `Prefix:` as DSPy 2.4 showed a field (the prefix without trailing spaces).
    static func label(_ field: SignatureField) -> String {
        String(field.prefix.unicodeScalars.reversed().drop { PythonText.isSpace($0) }.reversed().map(Character.init))
    }

    /// `" ".join(value.split())`.
    static func collapse(_ value: JSONValue) -> String {
        value.pythonStr.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `.strip().rstrip("---").strip()`.
    static func clean(_ text: String) -> String {
        var stripped = PythonText.strip(text)
        while stripped.hasSuffix("-") { stripped.removeLast() }
        return PythonText.strip(stripped)
    }
}
