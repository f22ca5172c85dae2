import Foundation
import JSON

/// The offline model's reading skill, for the retrieval lessons: answers a question from the passages in its
/// context with the passage sentence that shares the most words with the question, writes a follow-up search from
/// the words the best passage adds, and grades a response against a ground truth by word overlap (the recall and
/// precision DSPy's `SemanticF1` asks for). Extractive and deterministic: a stand-in that lets a RAG program run
/// and be scored with no model, not a reader that understands.
struct ContextReader {
    /// Values for the outputs this skill can write, or nil when the prompt is not a reading task.
    static func outputs(_ prompt: ParsedPrompt) -> [String: String]? {
        let inputs = prompt.inputFields.map(\.name)
        let outputs = prompt.outputFields.filter { $0.name != "reasoning" && $0.name != "rationale" }
        if let truth = inputs.first(where: { $0.contains("ground_truth") }),
           let response = inputs.first(where: { $0.contains("response") && $0 != truth }),
           outputs.contains(where: { $0.name == "recall" }), outputs.contains(where: { $0.name == "precision" }) {
            return grade(truth: prompt.inputs[truth] ?? "", response: prompt.inputs[response] ?? "", outputs: outputs)
        }
        guard let context = inputs.first(where: { $0.contains("context") || $0.contains("passages") }),
              let question = inputs.first(where: { $0 != context && ($0.contains("question") || $0.contains("query")) })
        else { return nil }
        let reader = ContextReader(context: prompt.inputs[context] ?? "", question: prompt.inputs[question] ?? "")
        var values: [String: String] = [:]
        for field in outputs where field.kind == .text {
            values[field.name] = field.name.contains("search") || field.name.contains("hop") ? reader.followUp() : reader.answer()
        }
        return values.isEmpty ? nil : values
    }

    let passages: [String]
    let questionWords: Set<String>

    init(context: String, question: String) {
        // ChatAdapter renders a list of passages as a JSON array; a plain string is one passage.
        let list = (try? JSONReader.parse(context))?.arrayValue?.compactMap(\.stringValue)
        passages = list.map { $0.isEmpty ? [context] : $0 } ?? [context]
        questionWords = Set(Self.contentWords(question))
    }

    /// The sentence sharing the most content words with the question, cited as `[n]` (its passage's number).
    func answer() -> String {
        var best: (score: Int, text: String) = (0, "The passages do not say.")
        for (number, passage) in passages.enumerated() {
            for sentence in Self.sentences(passage) {
                let score = Set(Self.contentWords(sentence)).intersection(questionWords).count
                if score > best.score { best = (score, "\(sentence) [\(number + 1)]") }
            }
        }
        return best.text
    }

    /// The question's words plus the three most frequent new words of the passage that matches it best.
    func followUp() -> String {
        let best = passages.max { Set(Self.contentWords($0)).intersection(questionWords).count
            < Set(Self.contentWords($1)).intersection(questionWords).count } ?? ""
        var counts: [String: Int] = [:]
        for word in Self.contentWords(best) where !questionWords.contains(word) { counts[word, default: 0] += 1 }
        let added = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map(\.key)
        return (questionWords.sorted() + added).joined(separator: " ")
    }

    static func grade(truth: String, response: String, outputs: [FieldSpec]) -> [String: String] {
        let truthWords = Set(contentWords(truth)), responseWords = Set(contentWords(response))
        let common = Double(truthWords.intersection(responseWords).count)
        let recall = truthWords.isEmpty ? 0 : common / Double(truthWords.count)
        let precision = responseWords.isEmpty ? 0 : common / Double(responseWords.count)
        var values = ["recall": String(format: "%.2f", recall), "precision": String(format: "%.2f", precision)]
        for field in outputs where values[field.name] == nil && field.kind == .text {
            values[field.name] = "Shared words: " + truthWords.intersection(responseWords).sorted().joined(separator: ", ")
        }
        return values
    }

    static func sentences(_ text: String) -> [String] {
        text.components(separatedBy: ". ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { $0.hasSuffix(".") ? $0 : $0 + "." }
    }

    private static let stopWords: Set<String> = [
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "are", "was", "be", "by", "with", "as", "at",
        "it", "its", "this", "that", "what", "which", "how", "does", "do", "can", "from", "when", "why", "who", "if",
        "not", "no", "into", "than", "then", "there", "their", "has", "have", "will", "would", "should", "may", "i",
    ]

    /// Lower-cased words of two letters or more, without stop words.
    static func contentWords(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init)
            .filter { $0.count > 1 && !stopWords.contains($0) }
    }
}
