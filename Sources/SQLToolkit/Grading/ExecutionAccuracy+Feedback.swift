import DSPy
import JSON

extension ExecutionAccuracy {
    /// Execution accuracy as a GEPA feedback metric: 1 for a match, else 0, with the verdict in words for the
    /// reflection LM — the SQLite error, or how the rows differ, and the gold query.
    public var feedbackMetric: FeedbackMetric {
        FeedbackMetric(name: "execution_accuracy") { example, prediction, _, _, _ in feedback(example, prediction) }
    }

    /// The score and feedback for an example and a prediction (fields as `verdict(_:_:)` reads them).
    public func feedback(_ example: Example, _ prediction: Prediction) -> ScoreWithFeedback {
        let verdict = verdict(example, prediction)
        let gold = example["sql"]?.stringValue ?? ""
        let text = switch verdict {
        case .match: "The query is correct: it returned the same result as the gold query."
        case .mismatch(let diff):
            "The query ran but returned the wrong result: \(diff). The gold query is:\n\(gold)"
        case .predError(let reason): "The query failed to run: \(reason). The gold query is:\n\(gold)"
        case .goldError(let reason):
            "The gold query itself could not run (\(reason)), so this example cannot judge the query."
        }
        return ScoreWithFeedback(score: verdict.isMatch ? 1 : 0, feedback: text)
    }
}
