import JSON

/// The DSPy 2.4 prompt (its `dsp.Template`), as one user message, for faithful replays of notebooks written
/// against it: the instructions, "Follow the following format." with `Prefix: description` lines, the demos,
/// then the inputs ending in the first missing output's empty prefix, parts separated by `---`. The completion
/// continues that prefix; when it stops before the last output, the adapter asks again with what it has, as
/// DSPy 2.4 did.
///
/// Values are written on one line with runs of whitespace collapsed, as DSPy 2.4's default formatter did
/// (`context` lists are numbered «passages»).
public struct LegacyTextAdapter: Adapter {
    public init() {}

    public func format(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> [ChatMessage] {
        [ChatMessage(role: "user", content: prompt(signature, demos: demos, inputs: inputs))]
    }

    /// Asks again with the outputs read so far while some are missing (at most once per output field).
    public func callAsFunction(
        lm: any LanguageModel, config: [String: JSONValue], signature: Signature, demos: [Example],
        inputs: [String: JSONValue]
    ) throws -> [[String: JSONValue]] {
        try lm.generate(messages: format(signature, demos: demos, inputs: inputs), config: config).map { completion in
            var known = inputs
            var text = completion
            for _ in 0...signature.outputFields.count {
                known.merge(extract(signature, known: known, completion: text)) { _, new in new }
                if signature.outputFields.allSatisfy({ known[$0.name] != nil }) { break }
                var single = config
                single["n"] = 1
                text = try lm.generate(messages: format(signature, demos: demos, inputs: known), config: single).first ?? ""
                if PythonText.strip(text).isEmpty { break }
            }
            return try parseKnown(signature, known: known, completion: completion)
        }
    }

    /// Reads the outputs from one completion of the plain prompt.
    ///
    /// - Throws: `AdapterParseError` when an output is missing or does not fit its type.
    public func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue] {
        try parseKnown(signature, known: extract(signature, known: [:], completion: completion), completion: completion)
    }

    private func parseKnown(_ signature: Signature, known: [String: JSONValue], completion: String) throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for field in signature.outputFields {
            guard let value = known[field.name] else { continue }
            do {
                fields[field.name] = try ValueParsing.parse(value, as: field.type)
            } catch {
                throw AdapterParseError(
                    adapterName: name, signature: signature, lmResponse: completion,
                    message: "Failed to parse field \(field.name) with value \(value): \(error)")
            }
        }
        return try ChatAdapter.completeOutputs(fields, signature: signature, adapterName: name, completion: completion)
    }

    /// DSPy 2.4's `Template.extract`: the completion fills the first field not yet known, and each following
    /// field after its `\nPrefix:`.
    func extract(_ signature: Signature, known: [String: JSONValue], completion: String) -> [String: JSONValue] {
        let fields = LegacyTemplate(signature).fields
        var remaining = PythonText.strip(completion)
        var index = min(fields.firstIndex { known[$0.key] == nil || known[$0.key] == .null } ?? fields.count, fields.count - 1)
        var found: [String: JSONValue] = [:]
        while !remaining.isEmpty && index < fields.count {
            if index < fields.count - 1, let next = remaining.range(of: "\n" + fields[index + 1].name) {
                found[fields[index].key] = .string(Self.clean(String(remaining[..<next.lowerBound])))
                remaining = Self.clean(String(remaining[next.upperBound...]))
                index += 1
            } else {
                found[fields[index].key] = .string(Self.clean(remaining))
                break
            }
        }
        return found
    }

    /// `.strip().rstrip("---").strip()`.
    static func clean(_ text: String) -> String {
        var stripped = PythonText.strip(text)
        while stripped.hasSuffix("-") { stripped.removeLast() }
        return PythonText.strip(stripped)
    }

    /// The whole prompt text, as DSPy 2.4's `Template.__call__` lays it out.
    public func prompt(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> String {
        let template = LegacyTemplate(signature)
        let fields = template.fields
        var example = inputs
        if let last = fields.last { example[last.key] = nil }

        let isAugmented: (Example) -> Bool = { $0["augmented"] == true }
        let lastKey = fields.last?.key ?? ""
        var plainDemos: [String] = []
        var fullDemos: [String] = []
        for demo in demos where !isAugmented(demo) && demo[lastKey] != nil && demo[lastKey] != .null {
            let text = template.query(demo.toDict(), augmented: false, isDemo: true)
            // DSPy 2.4 shows a plain demo as its own part when it has every input the query has.
            if fields.filter({ example[$0.key] != nil }).allSatisfy({ text.contains($0.name) }) {
                fullDemos.append(text)
            } else {
                plainDemos.append(text)
            }
        }
        fullDemos += demos.filter(isAugmented).map { template.query($0.toDict(), augmented: true, isDemo: true) }

        var longQuery = template.hasAugmentedGuidelines
        var query = template.query(example, augmented: longQuery, isDemo: false)
        if query.split(separator: "\n", omittingEmptySubsequences: false).count > fields.count {
            if !longQuery { query = template.query(example, augmented: true, isDemo: false) }
            longQuery = true
        }

        let plain = plainDemos.joined(separator: "\n\n")
        let parts: [String]
        if !plain.isEmpty && fullDemos.isEmpty && !longQuery {
            parts = [signature.instructions, template.guidelines, plain + "\n\n" + query]
        } else if plain.isEmpty {
            parts = [signature.instructions, template.guidelines] + fullDemos + [query]
        } else {
            parts = [signature.instructions, plain, template.guidelines] + fullDemos + [query]
        }
        return PythonText.strip(parts.filter { !$0.isEmpty }.map(PythonText.strip).joined(separator: "\n\n---\n\n"))
    }
}

/// A signature seen as DSPy 2.4's template fields: `Prefix:` names, separators and descriptions.
struct LegacyTemplate {
    struct Field {
        let key: String
        /// The prefix without trailing whitespace, e.g. `"Sql Prompt:"`.
        let name: String
        /// The prefix's trailing whitespace, or one space.
        let separator: String
        let description: String
    }

    let fields: [Field]

    init(_ signature: Signature) {
        fields = signature.fields.map { field in
            let scalars = Array(field.prefix.unicodeScalars)
            var end = scalars.count
            while end > 0, PythonText.isSpace(scalars[end - 1]) { end -= 1 }
            let trailing = String(String.UnicodeScalarView(scalars[end...]))
            return Field(
                key: field.name, name: PythonText.strip(field.prefix), separator: trailing.isEmpty ? " " : trailing,
                description: field.desc)
        }
    }

    /// More than three fields, or a field spanning lines: fields are then separated by blank lines.
    var hasAugmentedGuidelines: Bool {
        fields.count > 3 || fields.contains { $0.separator.contains("\n") || $0.description.contains("\n") }
    }

    var guidelines: String {
        let descriptions = Dictionary(fields.map { ($0.key, JSONValue.string($0.description)) }, uniquingKeysWith: { first, _ in first })
        return "Follow the following format.\n\n" + query(descriptions, augmented: hasAugmentedGuidelines, isDemo: false)
    }

    /// `Template.query`: `Prefix: value` lines; outside demos the first field after the given ones is shown
    /// with an empty value, for the model to continue.
    func query(_ values: [String: JSONValue], augmented: Bool, isDemo: Bool) -> String {
        var values = values
        if !isDemo {
            let hasValue = fields.map { field in values[field.key].map { $0 != .null && $0 != .string("") } ?? false }
            for index in fields.indices.dropFirst() where hasValue[index - 1] && !hasValue[index...].contains(true) {
                values[fields[index].key] = .string("")
                break
            }
        }
        let lines = fields.compactMap { field -> String? in
            guard let value = values[field.key], value != .null else { return nil }
            let formatted = Self.format(value, key: field.key)
            let separator = field.separator == " " && formatted.contains("\n") ? "\n" : field.separator
            return field.name + separator + formatted
        }
        return lines.joined(separator: hasAugmentedGuidelines && augmented ? "\n\n" : "\n")
    }

    /// DSPy 2.4's format handlers: numbered «passages» for `context`, the first of `answers`, otherwise the text
    /// with runs of whitespace collapsed.
    static func format(_ value: JSONValue, key: String) -> String {
        switch (key, value) {
        case ("context", .array(let passages)):
            if passages.count == 1 { return "«\(passages[0].pythonStr)»" }
            return passages.enumerated().map { "[\($0.offset + 1)] «\($0.element.pythonStr)»" }.joined(separator: "\n")
        case ("answers", .array(let answers)):
            return PythonText.strip(answers.first?.pythonStr ?? "")
        case ("context", _):
            return value.pythonStr
        default:
            return value.pythonStr.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
    }
}

extension ChainOfThought {
    /// DSPy 2.4's reasoning field, `rationale` with the prefix "Reasoning: Let's think step by step in order to",
    /// for replays of notebooks written against 2.4: `ChainOfThought(sig, reasoning: ChainOfThought.dspy24Rationale(for: sig))`.
    public static func dspy24Rationale(for signature: Signature) -> SignatureField {
        let last = signature.outputFields.last?.name ?? "answer"
        return OutputField(
            "rationale", desc: "${produce the \(last)}. We ...", prefix: "Reasoning: Let's think step by step in order to")
    }
}
