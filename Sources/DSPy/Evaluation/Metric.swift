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

    /// A numeric metric.
    public init(name: String = "metric", _ body: @escaping @Sendable (Example, Prediction, Trace?) throws -> Double) {
        self.name = name
        self.isBoolean = false
        self.body = body
    }

    /// A pass/fail metric; a pass scores 1.
    public init(name: String = "metric", _ body: @escaping @Sendable (Example, Prediction, Trace?) throws -> Bool) {
        self.name = name
        self.isBoolean = true
        self.body = { try body($0, $1, $2) ? 1 : 0 }
    }

    /// Scores one prediction.
    /// - Throws: what the metric throws; `MetricError.missingField` when it read a field of `example` that the
    ///   example lacks (`example.answer` for an example without `answer`), as Python's metric would raise.
    public func callAsFunction(_ example: Example, _ prediction: Prediction, _ trace: Trace? = nil) throws -> Double {
        let reads = MissingFieldReads(watching: example)
        let score = try MissingFieldReads.$current.withValue(reads) { try body(example, prediction, trace) }
        if let missing = reads.all.first {
            throw MetricError.missingField(missing, metric: name, fields: example.keys())
        }
        return score
    }

    /// A sum of scores as Python prints it: an integer for pass/fail metrics, a float otherwise.
    func formatSum(_ sum: Double) -> String {
        isBoolean ? String(Int(sum)) : PythonFormat.repr(sum)
    }
}

/// Why a metric could not score an example.
public enum MetricError: Error, Equatable, CustomStringConvertible {
    /// The metric read a field the example does not have (Python's `AttributeError`).
    case missingField(String, metric: String, fields: [String])

    public var description: String {
        switch self {
        case .missingField(let field, let metric, let fields):
            "The metric '\(metric)' read the field '\(field)', which the example does not have (its fields: "
                + "\(fields.joined(separator: ", "))); label every example, or read optional fields with `example.get(_:)`."
        }
    }
}
