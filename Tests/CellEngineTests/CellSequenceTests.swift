import KernelInterpreter
import Testing

/// Every sequence in `CellSequences.all`, each in a fresh session, through the kernel's `Interpreter` seam.
@Suite(.serialized)
struct CellSequenceTests {
    @Test(arguments: CellSequences.all)
    func sequence(_ sequence: CellSequence) throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        for (index, step) in sequence.steps.enumerated() {
            let (outcome, output) = fixture.run(step.code)
            let context = Comment(rawValue: "step \(index + 1) `\(step.code)` → \(outcome)\nstdout: \(output.text(.stdout))\nstderr: \(output.text(.stderr))")
            switch step.expectation {
            case .result(let text):
                #expect(outcome.plainResult == text, context)
            case .resultContaining(let text):
                #expect(outcome.plainResult?.contains(text) == true, context)
            case .stdout(let text):
                #expect(outcome.succeeded, context)
                #expect(output.text(.stdout).contains(text), context)
            case .noResult:
                #expect(outcome.succeeded && outcome.plainResult == nil, context)
            case .error(let name):
                #expect(outcome.errorName == name, context)
            case .errorContaining(let text):
                #expect(outcome.errorName != nil && outcome.errorText.contains(text), context)
            }
        }
    }
}
