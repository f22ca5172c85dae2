import Testing
@testable import DSPy
import DSPyTesting

/// `Ensemble`: with a reduce function a module returning one prediction (`majority` among them); without one, as
/// DSPy's `Ensemble(reduce_fn=None)`, every program's prediction.
@Suite struct EnsembleTests {
    /// Programs whose own LMs answer `answers`, one each.
    static func programs(answering answers: [String]) -> [Module] {
        answers.map { answer in
            let program = ArithmeticProgram()
            program.setLM(DummyLM(answers: [["reasoning": "r", "answer": .string(answer)]], repeating: true))
            return program
        }
    }

    @Test func withoutReduceReturnsEveryPredictionInProgramOrder() throws {
        let ensemble = Ensemble().compile(Self.programs(answering: ["A", "B", "C"]))
        let predictions: [Prediction] = try ensemble(question: "What is 4?")
        #expect(predictions.map(\.answer) == ["A", "B", "C"])
        #expect(try ensemble(Example(["question": "What is 5?"]).withInputs("question")).count == 3)

        let drawn = try Ensemble(size: 2).compile(Self.programs(answering: ["A", "B", "C"]))(question: "What is 4?")
        #expect(drawn.count == 2 && Set(drawn.map(\.answer)).isSubset(of: ["A", "B", "C"]))
    }

    @Test func majorityReducesToTheMostCommonAnswer() throws {
        let voted = Ensemble(reduce: majority).compile(Self.programs(answering: ["5", "4", "4"]))
        #expect(try voted(question: "What is 4?").answer == "4")
        #expect(try voted.deepcopy()(question: "What is 4?").answer == "4")

        let last = Ensemble(reduce: { $0.last }).compile(Self.programs(answering: ["A", "B"]))
        #expect(try last(question: "What is 4?").answer == "B")
    }

    @Test func nothingToReduceIsAnError() {
        #expect(throws: OptimizerError.self) { try Ensemble(reduce: majority).compile([])(question: "What is 4?") }
    }
}
