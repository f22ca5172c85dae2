import DSPy
import Dispatch
import Synchronization

extension ExecutionAccuracy {
    /// Grades many examples on up to `threads` threads; the rows keep the items' order.
    ///
    /// A missing prediction is a `pred_error`. Checks `Interruption` between examples.
    /// - Throws: `Interrupted` when the user interrupted the work.
    public func grade(_ items: [GradingItem], threads: Int = 1) throws -> GradeReport {
        let next = Atomic<Int>(0)
        let verdicts = Mutex([Verdict?](repeating: nil, count: items.count))
        let workers = max(1, min(threads, items.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !Interruption.isRequested {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                let verdict = grade(items[index])
                verdicts.withLock { $0[index] = verdict }
            }
        }
        try Interruption.check()
        let results = verdicts.withLock { $0 }
        return GradeReport(rows: zip(items, results).map { item, verdict in
            GradeReport.Row(id: item.id, verdict: verdict ?? .predError(reason: "not graded"))
        })
    }

    /// The verdict for one item.
    public func grade(_ item: GradingItem) -> Verdict {
        guard let predicted = item.predicted else { return .predError(reason: "no prediction for this id") }
        return grade(context: item.context, gold: item.gold, predicted: predicted)
    }
}
