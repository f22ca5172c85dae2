import DSPy
import Foundation
import JSON

extension EvaluationResult: MimeRepresentable {
    /// A highlighted box with the score, how many examples passed, and how many failed.
    public var mimeBundle: [String: JSONValue] {
        let total = scores.reduce(0, +)
        let passed = total == total.rounded() ? String(Int(total)) : String(format: "%.2f", total)
        var lines = ["\(passed) / \(results.count) examples"]
        if failedCount > 0 { lines.append("\(failedCount) failed (the errors are logged above) and scored as failures") }
        return SummaryBox(title: "Score: \(score)%", lines: lines).mimeBundle
    }
}
