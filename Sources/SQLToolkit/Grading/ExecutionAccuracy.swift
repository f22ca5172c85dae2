import SQLite

/// Grades predicted SQL by running it: the predicted query's result must equal the gold query's result on the
/// example's own database (built from its `sql_context`), under the rules of `ResultComparison`. A predicted query
/// inside a Markdown code fence is run without it (`CodeFence`; DSPy has no such step).
///
/// Queries are graded by their results; statements that change the database (INSERT, UPDATE, DELETE, ...) are
/// graded by the database state they leave: each runs on its own fresh copy of the context, then every table of
/// the two databases is compared as a multiset of rows.
public struct ExecutionAccuracy: Sendable {
    /// The budgets each gold and predicted statement gets.
    public var limits: SandboxLimits

    public init(limits: SandboxLimits = .standard) { self.limits = limits }

    /// The verdict for one example.
    public func grade(context: String, gold: String, predicted: String) -> Verdict {
        let predicted = CodeFence.unwrapped(predicted)
        let shape = StatementShape(gold)
        if shape.isWrite { return gradeByState(context: context, gold: gold, predicted: predicted) }
        let sandbox: SQLSandbox
        let goldResult: QueryResult
        do {
            sandbox = try SQLSandbox(context: context, limits: limits)
            goldResult = try sandbox.run(gold)
        } catch {
            return .goldError(reason: error.description)
        }
        let predictedResult: QueryResult
        do {
            predictedResult = try sandbox.run(predicted)
        } catch {
            return .predError(reason: error.description)
        }
        if let diff = ResultComparison.difference(gold: goldResult, predicted: predictedResult, ordered: shape.hasOuterOrderBy) {
            return .mismatch(diff: diff)
        }
        return .match
    }

    private func gradeByState(context: String, gold: String, predicted: String) -> Verdict {
        let goldState: DatabaseState
        do {
            let sandbox = try SQLSandbox(context: context, limits: limits)
            _ = try sandbox.run(gold)
            goldState = try sandbox.state()
        } catch {
            return .goldError(reason: error.description)
        }
        let predictedState: DatabaseState
        do {
            let sandbox = try SQLSandbox(context: context, limits: limits)
            _ = try sandbox.run(predicted)
            predictedState = try sandbox.state()
        } catch {
            return .predError(reason: error.description)
        }
        if let diff = goldState.difference(from: predictedState) { return .mismatch(diff: diff) }
        return .match
    }
}
