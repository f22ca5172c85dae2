import Foundation
import JSON

/// GEPA's reflective instruction proposal, byte for byte as the `gepa` package DSPy 3.4.1 uses defines it
/// (`InstructionProposalSignature`): the prompt that shows the reflection LM a predictor's instruction and the
/// examples with feedback, and how the new instruction is read from its reply.
public enum InstructionProposal {
    /// The default prompt; `<curr_param>` is replaced by the current instruction, `<side_info>` by the examples.
    public static let defaultPromptTemplate = """
        I provided an assistant with the following instructions to perform a task for me:
        ```
        <curr_param>
        ```

        The following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:
        ```
        <side_info>
        ```

        Your task is to write a new instruction for the assistant.

        Read the inputs carefully and identify the input format and infer detailed task description about the task I wish to solve with the assistant.

        Read all the assistant responses and the corresponding feedback. Identify all niche and domain specific factual information about the task and include it in the instruction, as a lot of it may not be available to the assistant in the future. The assistant may have utilized a generalizable strategy to solve the task, if so, include that in the instruction as well.

        Provide the new instructions within ``` blocks.
        """

    /// A prompt template without both placeholders.
    public struct TemplateError: Error, Equatable, CustomStringConvertible {
        public var missing: [String]
        public var description: String { "Missing placeholder(s) in prompt template: \(missing.joined(separator: ", "))" }
    }

    /// The prompt for `currentInstruction` and the reflective dataset (one record per example, e.g. `Inputs`,
    /// `Generated Outputs`, `Feedback`), each record rendered as Markdown under `# Example n`.
    /// - Throws: `TemplateError` when `template` lacks `<curr_param>` or `<side_info>`.
    public static func prompt(
        currentInstruction: String, dataset: [[(String, OrderedJSON)]], template: String = defaultPromptTemplate
    ) throws(TemplateError) -> String {
        let missing = ["<curr_param>", "<side_info>"].filter { !template.contains($0) }
        guard missing.isEmpty else { throw TemplateError(missing: missing) }
        let samples = dataset.enumerated().map { number, record in
            "# Example \(number + 1)\n" + record.map { key, value in "## \(key)\n" + render(value, level: 3) }.joined()
        }
        return template.replacingOccurrences(of: "<curr_param>", with: currentInstruction)
            .replacingOccurrences(of: "<side_info>", with: samples.joined(separator: "\n\n"))
    }

    private static func render(_ value: OrderedJSON, level: Int) -> String {
        let header = String(repeating: "#", count: level), deeper = min(level + 1, 6)
        switch value {
        case .value(.object(let members)):
            return render(.object(members.sorted { $0.key < $1.key }.map { ($0.key, .value($0.value)) }), level: level)
        case .value(.array(let items)):
            return render(.array(items.map { .value($0) }), level: level)
        case .value(let scalar):
            return PythonText.strip(scalar.pythonStr) + "\n\n"
        case .object(let members):
            let text = members.map { key, member in "\(header) \(key)\n" + render(member, level: deeper) }.joined()
            return members.isEmpty ? text + "\n" : text
        case .array(let items):
            let text = items.enumerated().map { "\(header) Item \($0.offset + 1)\n" + render($0.element, level: deeper) }.joined()
            return items.isEmpty ? text + "\n" : text
        }
    }

    /// The new instruction in the reflection LM's reply: the text between the first and last ``` (without a
    /// language tag), or the reply stripped of an unmatched fence.
    public static func newInstruction(from reply: String) -> String {
        let fence = "```"
        let first = reply.range(of: fence), last = reply.range(of: fence, options: .backwards)
        let start = first.map { $0.upperBound } ?? reply.index(reply.startIndex, offsetBy: min(3, reply.count))
        let end = last?.lowerBound ?? reply.endIndex
        guard first != nil, start < end else {
            let stripped = PythonText.strip(reply)
            if stripped.hasPrefix(fence) {
                // `^```\S*\n?` matched against the unstripped reply.
                guard reply.hasPrefix(fence) else { return stripped }
                var rest = reply.dropFirst(3).drop { !PythonText.isSpace($0.unicodeScalars.first!) }
                if rest.first == "\n" { rest = rest.dropFirst() }
                return PythonText.strip(String(rest))
            }
            if stripped.hasSuffix(fence) { return PythonText.strip(String(stripped.dropLast(3))) }
            return stripped
        }
        var content = reply[start..<end]
        // `^\S*\n`: a language tag (or nothing) then a line break.
        let tag = content.prefix { !PythonText.isSpace($0.unicodeScalars.first!) }
        if content[tag.endIndex...].first == "\n" { content = content[content.index(after: tag.endIndex)...] }
        return PythonText.strip(String(content))
    }
}
