import Testing
@testable import DSPy
import DSPyTesting

/// Python's `_compiled`: BootstrapFewShot marks what it returns, copies keep the mark, and a compiled student is
/// refused as DSPy refuses it ("Student must be uncompiled.").
@Suite struct CompiledProgramTests {
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
}
