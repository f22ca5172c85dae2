import Foundation

/// Runs a program over a devset in parallel and scores it with a metric, as DSPy's `dspy.Evaluate`.
///
/// ```swift
/// let evaluate = Evaluate(devset: valset, metric: correctnessMetric, numThreads: 10, displayProgress: true)
/// let result = try evaluate(program)        // result.score == 72.0 for 18 of 25
/// ```
/// A failing program or metric counts as `failureScore` for that example; after `maxErrors` failures the
/// evaluation stops with `EvaluateError.tooManyErrors`.
public struct Evaluate: Sendable {
    public var devset: [Example]
    public var metric: Metric
    /// Threads used at once; DSPy's default (8) when nil.
    public var numThreads: Int?
    public var displayProgress: Bool
    public var displayTable: TableDisplay
    /// Failures tolerated before stopping; DSPy's default (10) when nil.
    public var maxErrors: Int?
    public var failureScore: Double

    /// DSPy's `settings.max_errors`.
    public static let defaultMaxErrors = 10

    public init(
        devset: [Example], metric: Metric, numThreads: Int? = nil, displayProgress: Bool = false,
        displayTable: TableDisplay = false, maxErrors: Int? = nil, failureScore: Double = 0
    ) {
        self.devset = devset
        self.metric = metric
        self.numThreads = numThreads
        self.displayProgress = displayProgress
        self.displayTable = displayTable
        self.maxErrors = maxErrors
        self.failureScore = failureScore
    }

    /// With a metric function returning a number or a pass/fail, e.g. `func correctnessMetric(_:_:_:) throws -> Bool`.
    public init<Score: MetricScore>(
        devset: [Example], metric: @escaping @Sendable (Example, Prediction, Trace?) throws -> Score,
        numThreads: Int? = nil, displayProgress: Bool = false, displayTable: TableDisplay = false,
        maxErrors: Int? = nil, failureScore: Double = 0
    ) {
        self.init(devset: devset, metric: Metric(metric), numThreads: numThreads, displayProgress: displayProgress,
                  displayTable: displayTable, maxErrors: maxErrors, failureScore: failureScore)
    }

    /// Evaluates `program` on the devset.
    /// - Throws: `EvaluateError.emptyDevset`, `EvaluateError.tooManyErrors`, or `Interrupted`.
    public func callAsFunction(_ program: Module) throws -> EvaluationResult {
        let result = try evaluate([program], threads: numThreads, showProgress: displayProgress,
                                  presenters: [Presentation.presenter])[0]
        Presentation.presenter.log(summary(result))
        if let rows = displayTable.rowLimit(of: result.results.count) {
            Presentation.presenter.show(table(result, rows: rows))
        }
        return result
    }

    /// DSPy's closing log line: `Average Metric: 18 / 25 (72.0%)`, then, when examples failed, how many.
    ///
    /// DSPy logs each failure as it happens but never their number; with a real model failures are common (an
    /// unparsable completion, a dropped connection), so the count is added where the score is read.
    func summary(_ result: EvaluationResult) -> String {
        let sum = result.scores.reduce(0, +)
        let percent = PythonFormat.round(100 * sum / Double(result.results.count), 1)
        let line = "Average Metric: \(metric.formatSum(sum)) / \(result.results.count) (\(PythonFormat.repr(percent))%)"
        let failed = result.failedCount
        guard failed > 0 else { return line }
        return line + "\n\(failed) of \(result.results.count) examples failed (the errors are logged above) and scored "
            + PythonFormat.repr(failureScore)
    }
}

/// Whether and how much of the result table to show: `true`, `false`, or a number of rows.
public enum TableDisplay: Sendable, Equatable, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    case hidden
    case all
    case first(Int)

    public init(booleanLiteral value: Bool) { self = value ? .all : .hidden }
    public init(integerLiteral value: Int) { self = .first(value) }

    func rowLimit(of count: Int) -> Int? {
        switch self {
        case .hidden: nil
        case .all: count
        case .first(let rows): min(rows, count)
        }
    }
}
