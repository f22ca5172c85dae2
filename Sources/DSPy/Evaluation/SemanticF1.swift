import JSON

/// DSPy's `SemanticF1`: a language model compares a response with the ground truth and reports recall and
/// precision, whose F1 is the score. Its signatures (`SemanticRecallPrecision`, and with `decompositional`,
/// `DecompositionalSemanticRecallPrecision`) are DSPy 3.4.1's, so its prompts are byte for byte Python's.
///
/// ```swift
/// let judge = SemanticF1()
/// let score = try Evaluate(devset: devset, metric: judge.metric)(rag)
/// ```
/// It reads `question` and `response` from the example and `response` from the prediction, as Python does.
public final class SemanticF1: Module, @unchecked Sendable {
    // @unchecked: its stored properties are an immutable number and a lock-guarded ChainOfThought.
    /// The F1 a prediction must reach to pass while an optimizer bootstraps (when a trace is given).
    public let threshold: Double
    /// The chain of thought over the recall/precision signature (named `module`, as in Python).
    public let module: ChainOfThought

    public init(threshold: Double = 0.66, decompositional: Bool = false) {
        self.threshold = threshold
        module = ChainOfThought(decompositional ? Self.decompositionalSignature : Self.signature)
        super.init()
    }

    public required init() {
        threshold = 0.66
        module = ChainOfThought()
        super.init()
    }

    /// Python's `forward(example, pred, trace)`: `Prediction(score:)`, the F1 as a number, or with a trace whether
    /// it reaches `threshold`.
    public func callAsFunction(_ example: Example, _ prediction: Prediction, trace: Trace? = nil) throws -> Prediction {
        let scores = try module(question: example.question, ground_truth: example.response, system_response: prediction.response)
        let score = Self.f1(precision: scores.precision.doubleValue ?? 0, recall: scores.recall.doubleValue ?? 0)
        return Prediction(["score": trace == nil ? .double(score) : .bool(score >= threshold)])
    }

    /// The judge as an `Evaluate`/optimizer metric.
    public var metric: Metric {
        Metric(name: "SemanticF1") { [self] example, prediction, trace in
            let score = try self(example, prediction, trace: trace)["score"]
            return score?.boolValue.map { $0 ? 1 : 0 } ?? score?.doubleValue ?? 0
        }
    }

    /// DSPy's `f1_score` of `auto_evaluation`: both clamped to [0, 1]; 0 when both are 0.
    static func f1(precision: Double, recall: Double) -> Double {
        let precision = max(0, min(1, precision)), recall = max(0, min(1, recall))
        return precision + recall == 0 ? 0 : 2 * (precision * recall) / (precision + recall)
    }

    static let signature = Signature(
        fields: inputs + [
            OutputField("recall", desc: "fraction (out of 1.0) of ground truth covered by the system response", type: .float),
            OutputField("precision", desc: "fraction (out of 1.0) of system response covered by the ground truth", type: .float),
        ],
        instructions: """
            Compare a system's response to the ground truth to compute its recall and precision.
            If asked to reason, enumerate key ideas in each response, and whether they are present in the other response.
            """,
        name: "SemanticRecallPrecision")

    static let decompositionalSignature = Signature(
        fields: inputs + [
            OutputField("ground_truth_key_ideas", desc: "enumeration of key ideas in the ground truth"),
            OutputField("system_response_key_ideas", desc: "enumeration of key ideas in the system response"),
            OutputField("discussion", desc: "discussion of the overlap between ground truth and system response"),
            OutputField("recall", desc: "fraction (out of 1.0) of ground truth covered by the system response", type: .float),
            OutputField("precision", desc: "fraction (out of 1.0) of system response covered by the ground truth", type: .float),
        ],
        instructions: """
            Compare a system's response to the ground truth to compute recall and precision of key ideas.
            You will first enumerate key ideas in each response, discuss their overlap, and then report recall and precision.
            """,
        name: "DecompositionalSemanticRecallPrecision")

    private static let inputs = [InputField("question"), InputField("ground_truth"), InputField("system_response")]
}
