import Foundation

/// The built-in offline text-to-SQL system: a small deterministic program, not a language model.
///
/// It reads DSPy prompts (ChatAdapter and the DSPy 2.4 template), writes SQL for text-to-SQL signatures with
/// schema-aware rules guided by the prompt's most similar demo, judges candidate SQL for Yes/No signatures by running
/// it on the context, and always answers in the layout the prompt asks for, so DSPy parses it.
public struct OfflineText2SQLModel: Sendable {
    /// The model id under which the server lists it.
    public static let id = "offline-text2sql"

    public init() {}

    /// Answers a chat prompt with `sampling.n` completions.
    public func complete(messages: [PromptMessage], sampling: Sampling = Sampling()) -> [String] {
        answer(ParsedPrompt(messages: messages), sampling: sampling)
    }

    /// Answers a text (completions) prompt with `sampling.n` completions.
    public func complete(text: String, sampling: Sampling = Sampling()) -> [String] {
        answer(ParsedPrompt(text: text), sampling: sampling)
    }

    func answer(_ prompt: ParsedPrompt, sampling: Sampling) -> [String] {
        let candidates = candidateOutputs(prompt)
        let formatter = ReplyFormatter(prompt: prompt)
        return sampling.choices(count: candidates.count, promptText: prompt.text + prompt.inputs.description)
            .map { formatter.reply(candidates[$0]) }
    }

    /// Ranked candidate values for the prompt's output fields (never empty).
    func candidateOutputs(_ prompt: ParsedPrompt) -> [[String: String]] {
        switch PromptTask(prompt) {
        case .freeText:
            return [["text": Self.introduction(answering: prompt.text)]]
        case .text2SQL(let questionField, let contextField, let output):
            let demos = prompt.demos.compactMap { demo -> Text2SQLWriter.Demo? in
                guard let question = demo.values[questionField], let sql = demo.values[output] else { return nil }
                return Text2SQLWriter.Demo(question: question, context: demo.values[contextField] ?? "", sql: sql)
            }
            let question = prompt.inputs[questionField] ?? ""
            do {
                let writer = try Text2SQLWriter(question: question, context: prompt.inputs[contextField] ?? "", demos: demos)
                return writer.candidates().map { candidate in
                    fill(prompt, with: [output: candidate.sql], reasoning: candidate.reasoning)
                }
            } catch {
                return [fill(prompt, with: [output: "SELECT 1"], reasoning: "The context could not be loaded: \(error).")]
            }
        case .judge(let questionField, let contextField, let sqlField, let verdictField):
            let verdict = SQLJudge(question: prompt.inputs[questionField] ?? "", context: prompt.inputs[contextField] ?? "")
                .judge(prompt.inputs[sqlField] ?? "")
            let isBool = prompt.outputFields.first { $0.name == verdictField }?.kind == .bool
            let answer = isBool ? (verdict.correct ? "True" : "False") : (verdict.correct ? "Yes" : "No")
            return [fill(prompt, with: [verdictField: answer], reasoning: verdict.reason)]
        case .agentStep(let tools, let questionField, let contextField):
            // The trajectory's `[[ ## tool_name_N ## ]]` sections read as inputs of their own.
            let called = Set(prompt.inputs.filter { $0.key.hasPrefix("tool_name_") }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) })
            let step = AgentStep(tools: tools, instructions: prompt.instructions, called: called,
                                 question: prompt.inputs[questionField] ?? "", context: contextField.flatMap { prompt.inputs[$0] }).next()
            return [fill(prompt, with: ["next_thought": step.thought, "next_tool_name": step.tool, "next_tool_args": step.arguments],
                         reasoning: step.thought)]
        case .other:
            if let values = ContextReader.outputs(prompt) {
                return [fill(prompt, with: values, reasoning: "Read extractively from the context (the offline reading skill).")]
            }
            return [fill(prompt, with: [:], reasoning: "This signature is outside what a text-to-SQL system can do.")]
        }
    }

    /// Values for every output field: the given ones, the reasoning, and honest placeholders of the right type.
    private func fill(_ prompt: ParsedPrompt, with values: [String: String], reasoning: String) -> [String: String] {
        var result = values
        for field in prompt.outputFields where result[field.name] == nil {
            if field.name == "reasoning" || field.name == "rationale" {
                result[field.name] = reasoning
                continue
            }
            switch field.kind {
            case .bool: result[field.name] = "False"
            case .int: result[field.name] = "0"
            case .float: result[field.name] = "0.0"
            case .list: result[field.name] = "[]"
            case .dictionary: result[field.name] = "{}"
            case .literal(let options): result[field.name] = options.first ?? ""
            case .text: result[field.name] = "\(Self.id) only writes and judges SQL; it has no answer for `\(field.name)`."
            }
        }
        return result
    }

    /// The honest reply to a prompt that is not a text-to-SQL task.
    static func introduction(answering text: String) -> String {
        let question = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
        let quoted = question.count > 200 ? String(question.prefix(200)) + "…" : question
        return "I am \(id), the small deterministic text-to-SQL system built into swift-dspy, not a language model, "
            + "so I cannot answer \"\(quoted)\". Ask me for SQL through a DSPy signature with a question and a "
            + "CREATE TABLE context, or point SERVED_MODEL_URL at a real model server for open questions."
    }
}
