import DSPy
import JSON

/// The conformance task shared with `Fixtures/reference_optimizers.py`: sums, a chain of thought, exact match.
enum Arithmetic {
    static func examples(_ count: Int, offset: Int = 0) -> [Example] {
        (offset..<(offset + count)).map { i in
            let a = (i * 37) % 91, b = (i * 53) % 67
            return Example(["question": .string("What is \(a) + \(b)?"), "answer": .string(String(a + b))]).withInputs("question")
        }
    }

    @Sendable static func exactMatch(_ example: Example, _ prediction: Prediction, _ trace: Trace?) throws -> Bool {
        try example.value("answer") == prediction.answer
    }

    static func demos(of program: Module) -> [[[String: JSONValue]]] {
        program.predictors().map { $0.demos.map { Dictionary($0.items(), uniquingKeysWith: { a, _ in a }) } }
    }
}

/// Python's `Program`: a module holding `ChainOfThought("question -> answer")`.
class ArithmeticProgram: Module {
    let program = ChainOfThought(Signature {
        InputField("question")
        OutputField("answer")
    })

    required init() { super.init() }

    override func forward(_ inputs: Example) throws -> Prediction {
        try program(question: inputs.question)
    }
}

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
