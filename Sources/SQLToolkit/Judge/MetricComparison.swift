import DSPy
import JSON

/// Both metrics of a program's predictions side by side: the study's LM judge and execution accuracy.
public struct MetricComparison: Sendable {
    /// One example's two verdicts.
    public struct Row: Sendable {
        public var judgeCorrect: Bool
        public var execution: Verdict
    }

    /// The rows, in the examples' order.
    public var rows: [Row]
    /// The agreement table built from the rows.
    public var agreement: MetricAgreement { MetricAgreement(rows.map { (judge: $0.judgeCorrect, execution: $0.execution) }) }

    /// Judges and executes `predictions` (one per example, same order) on up to `numThreads` threads.
    /// - Throws: the judge's errors, or `Interrupted`.
    public init(examples: [Example], predictions: [Prediction], judge: CorrectnessJudge,
                grader: ExecutionAccuracy = ExecutionAccuracy(), numThreads: Int = 8) throws {
        let pairs = Array(zip(examples, predictions))
        rows = try ParallelExecutor(numThreads: numThreads).map(pairs) { example, prediction in
            let correct = try judge.isCorrect(sqlPrompt: example.value("sql_prompt"), sqlContext: example.value("sql_context"), sql: prediction.sql)
            return Row(judgeCorrect: correct, execution: grader.verdict(example, prediction))
        }
    }
}
