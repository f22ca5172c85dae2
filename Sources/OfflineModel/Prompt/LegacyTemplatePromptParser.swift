import Foundation

/// Reads DSPy 2.4's one-block prompt: instructions, "Follow the following format." with `Field Name: description`
/// lines, demos separated by `---`, then the query ending in an empty output prefix.
enum LegacyTemplatePromptParser {
    static func parse(_ text: String) -> ParsedPrompt? {
        guard text.contains("Follow the following format.") else { return nil }
        let parts = text.components(separatedBy: "\n---\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let formatIndex = parts.firstIndex(where: { $0.hasPrefix("Follow the following format.") }),
              formatIndex + 1 < parts.count else { return nil }
        let instructions = parts[..<formatIndex].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)

        // Field order and descriptions come from the format block.
        var fields: [(prefix: String, spec: FieldSpec)] = []
        for line in parts[formatIndex].split(separator: "\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let prefix = String(line[..<colon])
            let description = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields.append((prefix, FieldSpec(name: fieldName(prefix), description: description)))
        }
        guard !fields.isEmpty else { return nil }
        let prefixes = fields.map(\.prefix)

        let demos = parts[(formatIndex + 1)..<(parts.count - 1)].map {
            ParsedPrompt.Demo(values: values(in: $0, prefixes: prefixes, fields: fields))
        }
        let query = values(in: parts[parts.count - 1], prefixes: prefixes, fields: fields)
        // Inputs are the leading fields the query fills in; the first empty one starts the outputs.
        // A value that only repeats the start of its description (CoT's "Let's think step by step in order to") is
        // the prefix the completion continues, not an input.
        let firstOutput = fields.firstIndex { field in
            let value = query[field.spec.name] ?? ""
            return value.isEmpty || field.spec.description.hasPrefix(value)
        } ?? fields.count
        let inputs = fields[..<firstOutput].map(\.spec)
        let outputs = fields[firstOutput...].map(\.spec)
        guard !outputs.isEmpty else { return nil }
        var prefixByName: [String: String] = [:]
        for field in fields { prefixByName[field.spec.name] = field.prefix }
        return ParsedPrompt(layout: .legacyTemplate(prefixes: prefixByName), instructions: instructions,
                            inputFields: inputs, outputFields: outputs, demos: demos,
                            inputs: query.filter { name, _ in inputs.contains { $0.name == name } }, text: text)
    }

    /// "Sql Prompt" → "sql_prompt"; "Yes/No" → "yes_no".
    static func fieldName(_ prefix: String) -> String {
        let mapped = prefix.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return String(mapped).split(separator: "_").joined(separator: "_")
    }

    private static func values(in block: String, prefixes: [String],
                               fields: [(prefix: String, spec: FieldSpec)]) -> [String: String] {
        var result: [String: String] = [:]
        var current: String?
        var lines: [String] = []
        func flush() {
            if let current { result[current] = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if let field = fields.first(where: { line.hasPrefix($0.prefix + ":") }) {
                flush()
                current = field.spec.name
                lines = [String(line.dropFirst(field.prefix.count + 1))]
            } else {
                lines.append(String(line))
            }
        }
        flush()
        return result
    }
}
