/// What `Evaluate` returns: the overall score in percent and every example's outcome, in devset order.
public struct EvaluationResult: Sendable {
    /// One example's outcome.
    public struct Row: Sendable {
        public var example: Example
        /// The program's prediction; empty when the program or the metric failed.
        public var prediction: Prediction
        /// The metric's score, or the failure score.
        public var score: Double
        /// Why the program or metric failed for this example, if it did.
        public var error: String?
    }

    /// `round(100 * sum / count, 2)`, as DSPy computes it.
    public var score: Double
    public var results: [Row]

    /// The per-example scores in devset order (DSPy's `subscores`).
    public var scores: [Double] { results.map(\.score) }

    /// How many examples failed: the program or the metric threw (examples skipped after `maxErrors` not counted).
    public var failedCount: Int { results.filter { $0.error != nil && $0.error != EvaluationResult.skipped }.count }

    /// The `error` of an example that never ran because the evaluation stopped first.
    static let skipped = "skipped"
}

extension EvaluationResult: CustomStringConvertible {
    public var description: String {
        "EvaluationResult(score=\(PythonFormat.repr(score)), results=<list of \(results.count) results>)"
    }
}

/// Why an evaluation could not produce a score.
public enum EvaluateError: Error, CustomStringConvertible {
    /// The devset has no examples.
    case emptyDevset
    /// `maxErrors` examples failed; `example` is the devset index of the last failure and `error` its cause.
    case tooManyErrors(count: Int, example: Int, error: String)

    public var description: String {
        switch self {
        case .emptyDevset: "devset must contain at least one example, got an empty devset."
        case .tooManyErrors(let count, let example, let error):
            "Evaluation stopped after \(count) errors (the limit, maxErrors); the last, for devset example \(example): \(error)"
        }
    }
}
