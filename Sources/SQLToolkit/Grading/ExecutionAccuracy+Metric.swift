import DSPy
import JSON

extension ExecutionAccuracy {
    /// Execution accuracy as a DSPy pass/fail `Metric`: the example's `sql` (gold) against the prediction's `sql`,
    /// on the example's `sql_context`; interchangeable with the study's judge metric in `Evaluate` and the optimizers.
    public var metric: Metric {
        Metric(name: "execution_accuracy") { example, prediction, _ in verdict(example, prediction).isMatch }
    }

    /// The full verdict for an example and a prediction (fields `sql_context`, `sql`; prediction field `sql`).
    public func verdict(_ example: Example, _ prediction: Prediction) -> Verdict {
        guard let gold = example["sql"]?.stringValue, let context = example["sql_context"]?.stringValue else {
            return .goldError(reason: "the example has no string fields sql and sql_context")
        }
        guard let predicted = prediction.sql.stringValue else { return .predError(reason: "the prediction has no string field sql") }
        return grade(context: context, gold: gold, predicted: predicted)
    }
}
