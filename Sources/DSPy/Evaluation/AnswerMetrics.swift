import Foundation
import JSON

/// DSPy's `answer_exact_match`: whether `prediction.answer` matches `example.answer` (a string, or a list of
/// accepted answers) after `normalize_text`; with `frac` below 1, whether the best token F1 reaches `frac`.
/// - Throws: `ExampleError.missingField` when a side lacks `answer`; `MetricError` when the example's answer is
///   neither a string nor a list (Python's `ValueError: Invalid answer type`).
public func answerExactMatch(_ example: Example, _ prediction: Prediction, trace: Trace? = nil, frac: Double = 1.0) throws -> Bool {
    let answers = try referenceAnswers(example)
    let predicted = prediction.answer.pythonStr
    if frac >= 1.0 { return answers.contains { normalizeAnswer(predicted) == normalizeAnswer($0) } }
    return answers.map { tokenF1(predicted, $0) }.max() ?? 0 >= frac
}

/// DSPy's `answer_passage_match`: whether any passage of `prediction.context` contains any of the example's
/// answers, as whole DPR tokens after `normalize_text`.
public func answerPassageMatch(_ example: Example, _ prediction: Prediction, trace: Trace? = nil) throws -> Bool {
    let answers = try referenceAnswers(example).map { DPRTokenizer.words(normalizeAnswer($0)) }
    let passages = prediction.context.arrayValue?.map(\.pythonStr) ?? [prediction.context.pythonStr]
    return passages.contains { passage in
        let words = DPRTokenizer.words(normalizeAnswer(passage))
        return answers.contains { answer in
            answer.count <= words.count && (0...(words.count - answer.count)).contains { Array(words[$0..<$0 + answer.count]) == answer }
        }
    }
}

extension Metric {
    /// `answerExactMatch` as a pass/fail metric named as in Python.
    public static func answerExactMatch(frac: Double = 1.0) -> Metric {
        Metric(name: "answer_exact_match") { example, prediction, trace in
            try DSPy.answerExactMatch(example, prediction, trace: trace, frac: frac)
        }
    }

    /// `answerPassageMatch` as a pass/fail metric named as in Python.
    public static let answerPassageMatch = Metric(name: "answer_passage_match") { example, prediction, trace in
        try DSPy.answerPassageMatch(example, prediction, trace: trace)
    }
}

/// Why a metric could not score an example.
public struct MetricError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

private func referenceAnswers(_ example: Example) throws -> [String] {
    switch example.answer {
    case .string(let answer): return [answer]
    case .array(let answers): return answers.map(\.pythonStr)
    case let other: throw MetricError(description: "Invalid answer type: \(other.pythonRepr) (answer_exact_match needs a string or a list)")
    }
}

/// DSPy's `normalize_text` (SQuAD style), used to compare answers: NFD, lower case, ASCII punctuation removed, the
/// articles a/an/the removed where Python's `\b` sees a word boundary, whitespace collapsed.
func normalizeAnswer(_ text: String) -> String {
    let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
    let decomposed = text.decomposedStringWithCanonicalMapping.lowercased()
    let kept = String(String.UnicodeScalarView(decomposed.unicodeScalars.filter { !punctuation.contains($0) }))
    let range = NSRange(location: 0, length: (kept as NSString).length)
    let withoutArticles = articles.stringByReplacingMatches(in: kept, range: range, withTemplate: " ")
    return withoutArticles.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// Python's `\b(a|an|the)\b`, with Python's word characters (letters, digits, underscore; not combining marks).
private let articles = try! NSRegularExpression(pattern: "(?<![\\p{L}\\p{N}_])(a|an|the)(?![\\p{L}\\p{N}_])")

/// DSPy's `f1_score`: token F1 of two texts after `normalize_text` (0 without a common token).
func tokenF1(_ prediction: String, _ groundTruth: String) -> Double {
    let predicted = normalizeAnswer(prediction).split(separator: " ").map(String.init)
    let truth = normalizeAnswer(groundTruth).split(separator: " ").map(String.init)
    var counts: [String: Int] = [:]
    for token in truth { counts[token, default: 0] += 1 }
    var same = 0
    for token in predicted where counts[token, default: 0] > 0 {
        counts[token]! -= 1
        same += 1
    }
    guard same > 0 else { return 0 }
    let precision = Double(same) / Double(predicted.count), recall = Double(same) / Double(truth.count)
    return 2 * precision * recall / (precision + recall)
}

/// DPR's `SimpleTokenizer` as DSPy's `has_answer` uses it: runs of letters, digits and marks, or any other single
/// character that is not a separator or control, lower-cased, after NFD.
enum DPRTokenizer {
    private static let pattern = try! NSRegularExpression(pattern: "([\\p{L}\\p{N}\\p{M}]+)|([^\\p{Z}\\p{C}])", options: [.caseInsensitive])

    static func words(_ text: String) -> [String] {
        let decomposed = text.decomposedStringWithCanonicalMapping as NSString
        return pattern.matches(in: decomposed as String, range: NSRange(location: 0, length: decomposed.length))
            .map { decomposed.substring(with: $0.range).lowercased() }
    }
}
