import DSPy
import JSON

extension ExecutionAccuracy {
    /// Grades many examples on up to `threads` threads (through DSPy's `ParallelExecutor`, which stops on an
    /// interrupt); the rows keep the items' order. A missing prediction is a `pred_error`.
    /// - Throws: `Interrupted` when the user interrupted the work.
    public func grade(_ items: [GradingItem], threads: Int = 1) throws -> GradeReport {
        let verdicts = try ParallelExecutor(numThreads: threads).map(items) { item in grade(item) }
        return GradeReport(rows: zip(items, verdicts).map { GradeReport.Row(id: $0.id, verdict: $1) })
    }

    /// The verdict for one item.
    public func grade(_ item: GradingItem) -> Verdict {
        guard let predicted = item.predicted else { return .predError(reason: "no prediction for this id") }
        return grade(context: item.context, gold: item.gold, predicted: predicted)
    }
}

extension ExecutionAccuracy {
    /// The share, in percent, of an evaluation's predictions whose query returns the gold query's result on the
    /// example's own database — a check of `Evaluate`'s results that needs no judge.
    /// - Throws: `Interrupted` when the user interrupted the work.
    public func percent(of evaluation: EvaluationResult, threads: Int = 4) throws -> Double {
        let items = evaluation.results.enumerated().map { index, row in
            GradingItem(id: .int(index), context: row.example["sql_context"]?.pythonStr ?? "",
                        gold: row.example["sql"]?.pythonStr ?? "", predicted: row.prediction["sql"]?.pythonStr)
        }
        return try grade(items, threads: threads).accuracy * 100
    }
}
