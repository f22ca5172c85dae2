import DSPy
import JSON

extension ExecutionAccuracy {
    /// Execution accuracy as a DSPy metric: the example's `sql` (gold) against the prediction's `sql`, on the
    /// example's `sql_context`. Returns `1`/`0` without a trace, `true`/`false` with one, like the study's judge
    /// metric, so the two can be swapped in `Evaluate` and the optimizers.
    public func metric(_ example: Example, _ prediction: Prediction, _ trace: TraceLog? = nil) -> JSONValue {
        let matched = verdict(example, prediction).isMatch
        return trace == nil ? .int(matched ? 1 : 0) : .bool(matched)
    }

    /// The full verdict for an example and a prediction (fields `sql_context`, `sql`; prediction field `sql`).
    public func verdict(_ example: Example, _ prediction: Prediction) -> Verdict {
        guard let gold = example.sql.stringValue, let context = example.sql_context.stringValue else {
            return .goldError(reason: "the example has no string fields sql and sql_context")
        }
        guard let predicted = prediction.sql.stringValue else { return .predError(reason: "the prediction has no string field sql") }
        return grade(context: context, gold: gold, predicted: predicted)
    }
}
