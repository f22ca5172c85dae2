import Foundation

/// What a parsed prompt asks the offline model to do.
enum PromptTask {
    /// Write SQL: the question and context fields, and the output field that takes the SQL.
    case text2SQL(question: String, context: String, output: String)
    /// Judge a candidate query: the question, context and SQL input fields, and the verdict field.
    case judge(question: String, context: String, sql: String, verdict: String)
    /// A step of a `ReAct` agent: the tools it may call, and the question and context when there are.
    case agentStep(tools: [String], question: String, context: String?)
    /// A signature the offline model has no skill for.
    case other
    /// No signature at all: a plain question.
    case freeText

    init(_ prompt: ParsedPrompt) {
        guard prompt.layout != .freeText else { self = .freeText; return }
        let inputs = prompt.inputFields.map(\.name)
        let context = inputs.first { name in
            (prompt.inputs[name] ?? "").range(of: "CREATE TABLE", options: .caseInsensitive) != nil
        } ?? inputs.first { $0.contains("context") || $0.contains("schema") }
        let questionWords = ["prompt", "question", "request", "text", "input"]
        let sqlInput = inputs.first { name in
            name != context && (name.contains("sql") || name.contains("query"))
                && !questionWords.contains(where: name.contains) && Self.looksLikeSQL(prompt.inputs[name] ?? "")
        }
        let question = inputs.first { name in
            name != context && name != sqlInput
                && (questionWords + ["query"]).contains(where: name.contains)
        } ?? inputs.first { $0 != context && $0 != sqlInput }
        let outputs = prompt.outputFields.filter { $0.name != "reasoning" && $0.name != "rationale" }
        if prompt.inputs["trajectory"] != nil, prompt.outputFields.contains(where: { $0.name == "next_tool_args" }),
           case .literal(let tools)? = prompt.outputFields.first(where: { $0.name == "next_tool_name" })?.kind {
            self = .agentStep(tools: tools, question: question ?? "", context: context)
            return
        }
        guard let context, let question else { self = .other; return }
        if let sqlInput, let verdict = outputs.first(where: Self.isVerdict) {
            self = .judge(question: question, context: context, sql: sqlInput, verdict: verdict.name)
        } else if let output = outputs.first(where: { $0.name.contains("sql") || $0.name.contains("query")
                                                   || $0.description.localizedCaseInsensitiveContains("sql") }) {
            self = .text2SQL(question: question, context: context, output: output.name)
        } else {
            self = .other
        }
    }

    private static func isVerdict(_ field: FieldSpec) -> Bool {
        if field.kind == .bool { return true }
        let text = (field.name + " " + field.description).lowercased()
        return ["correct", "whether", "yes", "valid", "accurate"].contains(where: text.contains)
    }

    static func looksLikeSQL(_ text: String) -> Bool {
        let start = text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(8).uppercased()
        return ["SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER"].contains { start.hasPrefix($0) }
    }
}
