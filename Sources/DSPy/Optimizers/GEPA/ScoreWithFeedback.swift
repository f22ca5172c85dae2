/// A GEPA metric's result: a score and, in words, what was right or wrong — DSPy's `ScoreWithFeedback`
/// (a `dspy.Prediction(score=..., feedback=...)`).
public struct ScoreWithFeedback: Sendable, Equatable {
    public var score: Double
    /// What the reflection LM reads about this example; nil gets DSPy's "This trajectory got a score of …".
    public var feedback: String?

    public init(score: Double, feedback: String?) {
        self.score = score
        self.feedback = feedback
    }

    /// The feedback, or DSPy's stand-in when the metric gave none.
    public var feedbackText: String {
        feedback ?? "This trajectory got a score of \(PythonFormat.repr(score))."
    }
}

/// A metric that explains its score, as GEPA takes it: `(gold, pred, trace, pred_name, pred_trace)`, where
/// `predictorName` and `predictorTrace` say which predictor GEPA is asking about (nil when scoring the program).
public struct FeedbackMetric: Sendable {
    public var name: String
    private let body: @Sendable (Example, Prediction, Trace?, String?, Trace?) throws -> ScoreWithFeedback

    public init(
        name: String = "metric",
        _ body: @escaping @Sendable (Example, Prediction, Trace?, String?, Trace?) throws -> ScoreWithFeedback
    ) {
        self.name = name
        self.body = body
    }

    /// Scores one prediction with feedback.
    public func callAsFunction(
        _ example: Example, _ prediction: Prediction, trace: Trace? = nil, predictorName: String? = nil,
        predictorTrace: Trace? = nil
    ) throws -> ScoreWithFeedback {
        try body(example, prediction, trace, predictorName, predictorTrace)
    }

    /// The score alone, as a plain `Metric` for `Evaluate` and the other optimizers.
    public var scoreOnly: Metric {
        Metric(name: name) { example, prediction, trace in try body(example, prediction, trace, nil, nil).score }
    }
}
