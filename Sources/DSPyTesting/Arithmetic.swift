import DSPy
import JSON

/// The optimizer tests' task, shared with `Tests/DSPyOptimizerTests/Fixtures/reference_optimizers.py` and
/// `bench/optimizers`: sums, a chain of thought, exact match.
public enum Arithmetic {
    /// `count` sums, questions "What is a + b?" with their answers, numbered from `offset`.
    public static func examples(_ count: Int, offset: Int = 0) -> [Example] {
        (offset..<(offset + count)).map { i in
            let a = (i * 37) % 91, b = (i * 53) % 67
            return Example(["question": .string("What is \(a) + \(b)?"), "answer": .string(String(a + b))]).withInputs("question")
        }
    }

    /// The answer equals the label.
    @Sendable public static func exactMatch(_ example: Example, _ prediction: Prediction, _ trace: Trace?) throws -> Bool {
        try example.value("answer") == prediction.answer
    }

    /// Exact match with feedback in words, as `feedback_metric` of the GEPA fixture (`reference_gepa.py`) gives it.
    public static let feedbackMetric = FeedbackMetric(name: "feedback_metric") { gold, prediction, _, _, _ in
        let expected = try gold.value("answer")
        if expected == prediction.answer { return ScoreWithFeedback(score: 1, feedback: "Correct.") }
        return ScoreWithFeedback(score: 0, feedback: "Wrong: expected \(expected.pythonStr), got \(prediction.answer.pythonStr).")
    }

    /// Each predictor's demos, as field dictionaries.
    public static func demos(of program: Module) -> [[[String: JSONValue]]] {
        program.predictors().map { $0.demos.map { Dictionary($0.items(), uniquingKeysWith: { a, _ in a }) } }
    }
}

/// Python's `Program`: a module holding `ChainOfThought("question -> answer")`.
open class ArithmeticProgram: Module {
    public let program = ChainOfThought(Signature {
        InputField("question")
        OutputField("answer")
    })

    public required init() { super.init() }

    override open func forward(_ inputs: Example) throws -> Prediction {
        try program(question: inputs.question)
    }
}

