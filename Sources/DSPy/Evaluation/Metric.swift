/// The calls a program made while bootstrapping, which a metric may inspect (Python's `trace` argument).
public typealias Trace = [TraceEntry]

/// A metric: how good a prediction is for an example, as a number (or a pass/fail).
///
/// Metrics receive the trace when an optimizer is bootstrapping (so they can be stricter then, as the notebook's
/// `correctness_metric` is) and `nil` during evaluation. Evaluate sums the scores; bootstrapping keeps a trace when
/// the score is at least `metricThreshold`, or non-zero when there is no threshold.
public struct Metric: Sendable {
    /// Shown as the metric's column in result tables (Python shows the function's name).
    public var name: String
    /// Whether scores are pass/fail, so sums print as integers ("18 / 25") as Python's bool sums do.
    public var isBoolean: Bool
    private let body: @Sendable (Example, Prediction, Trace?) throws -> Double

    /// A metric from a function returning a number or a pass/fail (a pass scores 1), e.g. the notebook's
    /// `func correctnessMetric(_:_:_:) throws -> Bool`.
    public init<Score: MetricScore>(
        name: String = "metric", _ body: @escaping @Sendable (Example, Prediction, Trace?) throws -> Score
    ) {
        self.name = name
        self.isBoolean = Score.isBoolean
        self.body = { try body($0, $1, $2).metricValue }
    }

    /// Scores one prediction.
    /// - Throws: what the metric throws (reading a field the example may lack, `try example.value("answer")`, throws
    ///   `ExampleError.missingField`, as Python's metric would raise `AttributeError`).
    public func callAsFunction(_ example: Example, _ prediction: Prediction, _ trace: Trace? = nil) throws -> Double {
        try body(example, prediction, trace)
    }

    /// A sum of scores as Python prints it: an integer for pass/fail metrics, a float otherwise.
    func formatSum(_ sum: Double) -> String {
        isBoolean ? String(Int(sum)) : PythonFormat.repr(sum)
    }
}

/// What a metric function may return: a number, or a pass/fail that scores 1 for a pass.
public protocol MetricScore: SendableMetatype {
    /// The score as Evaluate sums it.
    var metricValue: Double { get }
    /// Whether sums of this score print as integers, as Python's sums of bools do.
    static var isBoolean: Bool { get }
}

extension Double: MetricScore {
    public var metricValue: Double { self }
    public static var isBoolean: Bool { false }
}

extension Bool: MetricScore {
    public var metricValue: Double { self ? 1 : 0 }
    public static var isBoolean: Bool { true }
}
