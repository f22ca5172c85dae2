import Foundation
import JSON

/// The offline model's step in a DSPy `ReAct` trajectory: it calls each listed tool once, in the order the
/// instructions list them, then `finish`. A required argument is filled from the task: SQL written for the question
/// (a `query`/`sql` argument), the context's first table (a `table` argument), 5 for a number, true for a flag, else
/// the question's text. Deterministic and honest: it does not read observations.
struct AgentStep {
    let tools: [String]
    let instructions: String
    /// The tools the trajectory shows called so far.
    let called: Set<String>
    let question: String
    let context: String?

    /// The thought, the tool and its arguments (as JSON text).
    func next() -> (thought: String, tool: String, arguments: String) {
        guard let tool = tools.first(where: { $0 != "finish" && !called.contains($0) }) else {
            return ("Every tool has been called once; \(OfflineText2SQLModel.id) finishes here.", "finish", "{}")
        }
        var arguments: [String: JSONValue] = [:]
        for argument in requiredArguments(of: tool) { arguments[argument.name] = value(for: argument.name, type: argument.type) }
        return ("\(OfflineText2SQLModel.id) calls each tool once, in order; next: \(tool).", tool, JSONValue.object(arguments).serialized())
    }

    private func value(for name: String, type: String) -> JSONValue {
        switch type {
        case "integer", "number": return .int(5)
        case "boolean": return .bool(true)
        default: break
        }
        let lowered = name.lowercased()
        if lowered.contains("sql") || lowered.contains("query"), let context,
           let sql = (try? Text2SQLWriter(question: question, context: context, demos: []))?.candidates().first?.sql
        {
            return .string(sql)
        }
        if lowered.contains("table"), let context, let table = (try? SQLContext(context))?.tables.first?.name {
            return .string(table)
        }
        return .string(question)
    }

    /// The arguments without a default, with their JSON types, read from the tool's line in ReAct's instructions:
    /// `(1) name, whose description is <desc>...</desc>. It takes arguments {'a': {'type': 'string'}, ...}.`
    private func requiredArguments(of tool: String) -> [(name: String, type: String)] {
        guard let line = instructions.split(separator: "\n").first(where: { line in
                  line.hasPrefix("(") && (line.contains(") \(tool),") || line.contains(") \(tool)."))
              }),
              let start = line.range(of: "It takes arguments ")
        else { return [] }
        var result: [(String, String)] = []
        var depth = 0, key = "", value = "", inQuote = false, quoted = ""
        for character in line[start.upperBound...] {
            if inQuote {
                if character == "'" { inQuote = false } else { quoted.append(character) }
                if depth > 1 { value.append(character) }
                continue
            }
            switch character {
            case "'": inQuote = true; quoted = ""; if depth > 1 { value.append(character) }
            case "{": depth += 1; if depth > 1 { value.append(character) }
            case "}":
                if depth > 1 { value.append(character) }
                depth -= 1
                if depth == 1 || depth == 0, !key.isEmpty, !value.contains("'default'") {
                    result.append((key, matches(of: #"'type': '(\w+)'"#, in: value).first ?? "string"))
                }
                if depth <= 1 { key = ""; value = "" }
            case ":" where depth == 1: key = quoted
            default: if depth > 1 { value.append(character) }
            }
        }
        return result
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
