import Foundation

/// Reads prompts in DSPy 3.x ChatAdapter layout: a system message listing the fields and the `[[ ## field ## ]]`
/// structure, demos as user/assistant pairs, then the user message to answer.
enum ChatAdapterPromptParser {
    static func parse(_ messages: [PromptMessage]) -> ParsedPrompt? {
        guard let system = messages.first(where: { $0.role == "system" }),
              system.content.contains("Your input fields are:") || system.content.contains("Your output fields are:")
        else { return nil }
        let (inputs, outputs) = fieldLists(system.content)
        guard !outputs.isEmpty else { return nil }

        let conversation = messages.filter { $0.role != "system" }
        guard let lastUser = conversation.lastIndex(where: { $0.role != "assistant" }) else { return nil }
        var demos: [ParsedPrompt.Demo] = []
        var index = 0
        while index < lastUser {
            var values = sections(conversation[index].content)
            if index + 1 < lastUser, conversation[index + 1].role == "assistant" {
                values.merge(sections(conversation[index + 1].content)) { first, _ in first }
                index += 2
            } else {
                index += 1
            }
            if !values.isEmpty { demos.append(ParsedPrompt.Demo(values: values)) }
        }
        let query = sections(stripResponseInstructions(conversation[lastUser].content))
        return ParsedPrompt(layout: .chatAdapter, instructions: instructions(system.content), inputFields: inputs,
                            outputFields: outputs, demos: demos, inputs: query,
                            text: conversation[lastUser].content)
    }

    /// The `[[ ## name ## ]]` sections of a message, by name, with their text trimmed.
    static func sections(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var current: String?
        var lines: [Substring] = []
        func flush() {
            if let current, result[current] == nil {
                result[current] = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let name = headerName(line) {
                flush()
                current = name
                lines = []
            } else {
                lines.append(line)
            }
        }
        flush()
        result["completed"] = nil
        return result
    }

    private static func headerName(_ line: Substring) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("[[ ## "), trimmed.hasSuffix(" ## ]]") else { return nil }
        let name = trimmed.dropFirst(6).dropLast(6)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return String(name)
    }

    private static func stripResponseInstructions(_ text: String) -> String {
        guard let range = text.range(of: "Respond with the corresponding output fields", options: .backwards)
        else { return text }
        return String(text[..<range.lowerBound])
    }

    private static func fieldLists(_ system: String) -> (inputs: [FieldSpec], outputs: [FieldSpec]) {
        var inputs: [FieldSpec] = []
        var outputs: [FieldSpec] = []
        var target = 0
        for line in system.split(separator: "\n") {
            if line.hasPrefix("Your input fields are:") { target = 1; continue }
            if line.hasPrefix("Your output fields are:") { target = 2; continue }
            if line.hasPrefix("All interactions will be structured") { break }
            guard target != 0, let field = fieldLine(line) else { continue }
            if target == 1 { inputs.append(field) } else { outputs.append(field) }
        }
        return (inputs, outputs)
    }

    /// Reads "1. `name` (type): description".
    private static func fieldLine(_ line: Substring) -> FieldSpec? {
        guard let open = line.firstIndex(of: "`"),
              let close = line[line.index(after: open)...].firstIndex(of: "`") else { return nil }
        let name = String(line[line.index(after: open)..<close])
        var rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
        var type = "str"
        if rest.hasPrefix("("), let end = rest.range(of: "):") ?? rest.range(of: ")", options: .backwards) {
            type = String(rest[rest.index(after: rest.startIndex)..<end.lowerBound])
            rest = String(rest[end.upperBound...])
        }
        return FieldSpec(name: name, type: type, description: rest.trimmingCharacters(in: .whitespaces))
    }

    private static func instructions(_ system: String) -> String {
        guard let range = system.range(of: "your objective is:") else { return "" }
        return system[range.upperBound...]
            .split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
