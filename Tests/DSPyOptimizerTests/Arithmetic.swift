import DSPy
import DSPyTesting

/// Python's `RepeatedCalls` (`Fixtures/reference_bootstrap.py`): one predictor called four times per example — with
/// the question, a variant of it, the question again, then the first call's reasoning.
final class RepeatedCallsProgram: ArithmeticProgram {
    override func forward(_ inputs: Example) throws -> Prediction {
        let first = try program(question: inputs.question)
        _ = try program(question: .string((inputs.question.stringValue ?? "") + " Check it."))
        _ = try program(question: inputs.question)
        return try program(question: first.reasoning)
    }
}
