import Testing
@testable import DSPy
import DSPyTesting

/// The teacher BootstrapFewShot runs, as DSPy chooses it, and Python's `_compiled`: BootstrapFewShot marks what it
/// returns, copies keep the mark, and a compiled student is refused ("Student must be uncompiled.").
@Suite struct BootstrapTeacherTests {
    @Test func bootstrapMarksItsResultAndRefusesItAsAStudent() throws {
        let student = ArithmeticProgram()
        let compiled = try RecordingPresenter.recording { _ in
            try context(lm: EvaluateTests.model) {
                try BootstrapFewShot(maxBootstrappedDemos: 1, maxLabeledDemos: 1).compile(student, trainset: EvaluateTests.examples(3))
            }
        }
        #expect(compiled.isCompiled && !student.isCompiled)
        #expect(compiled.deepcopy().isCompiled && compiled.resetCopy().isCompiled)
        #expect(try !LabeledFewShot(k: 1).compile(student, trainset: EvaluateTests.examples(3)).isCompiled)
        #expect(throws: OptimizerError.compiledStudent) {
            try BootstrapFewShot().compile(compiled, trainset: EvaluateTests.examples(3))
        }
        #expect(OptimizerError.compiledStudent.description.contains("Student must be uncompiled"))
    }

    @Test func withoutLabeledDemosTheStudentTeachesWithItsOwnDemos() throws {
        let student = ArithmeticProgram()
        student.predictors()[0].demos = [Example(["question": "What is 40?", "reasoning": "r", "answer": "40"])]
        let model = DummyLM(answers: [["reasoning": "r", "answer": "2"]], repeating: true)
        _ = try RecordingPresenter.recording { _ in
            try context(lm: model) {
                try BootstrapFewShot(maxBootstrappedDemos: 1, maxLabeledDemos: 0).compile(student, trainset: EvaluateTests.examples(3))
            }
        }
        let prompt = try #require(model.calls.first).messages.map(\.content).joined()
        #expect(prompt.contains("What is 40?"), "DSPy's teacher is a copy of the student as given, demos included")
    }
}
