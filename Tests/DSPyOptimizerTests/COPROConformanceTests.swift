import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// COPRO against Python DSPy 3.4.1's, each talking to its own copy of the deterministic arithmetic server, which
/// records every request body: the same requests (proposer prompts in order, each evaluation's prompts as a set,
/// since threads interleave them), the same candidates with the same scores, the same program, statistics and log.
@Suite(.serialized) struct COPROConformanceTests {
    struct Shape: Decodable, Equatable {
        let instructions: String
        let prefix: String
    }

    struct Candidate: Decodable, Equatable {
        let score: Double
        let depth: Int
        let instruction: String
        let prefix: String
        let program: [Shape]
    }

    struct Stats: Decodable {
        let depth: [Int]
        let max: [Double]
        let average: [Double]
        let min: [Double]
        let std: [Double]
    }

    struct Run: Decodable {
        let best: [Shape]
        let candidates: [Candidate]
        let totalCalls: Int
        let resultsBest: [String: Stats]
        let resultsLatest: [String: Stats]
        let transcript: [String]
    }

    struct Report: Decodable {
        let single: Run
        let twoStep: Run
    }

    @Test func sameRequestsCandidatesAndProgramAsPythonDSPy() throws {
        let run = try RecordedRequests<Report>(fixture: "reference_copro.py", marker: "You are an instruction optimizer") { reference in
            try expectSameRun(ArithmeticProgram(), breadth: 4, depth: 3, as: reference.single)
            try expectSameRun(TwoStepProgram(), breadth: 3, depth: 2, as: reference.twoStep)
        }
        #expect(run.swift.count == run.python.count)
        for (index, (phase, reference)) in zip(run.swift, run.python).enumerated() {
            #expect(phase == reference, "request phase \(index) (a proposer request and the evaluations after it)")
        }
    }

    private func expectSameRun<Program: Module>(_ student: Program, breadth: Int, depth: Int, as reference: Run) throws {
        let metric = Metric(name: "exact_match", Arithmetic.exactMatch)
        let (result, transcript) = try RecordingPresenter.recording { recorder in
            let result = try COPRO(metric: metric, breadth: breadth, depth: depth, trackStats: true)
                .optimize(student, trainset: Arithmetic.examples(10), numThreads: 4)
            return (result, recorder.transcript)
        }
        #expect(Self.shape(of: result.program) == reference.best)
        #expect(result.candidates.map(Self.candidate) == reference.candidates)
        #expect(result.totalCalls == reference.totalCalls)
        #expect(transcript == reference.transcript)
        for (produced, expected) in [(result.resultsBest, reference.resultsBest), (result.resultsLatest, reference.resultsLatest)] {
            #expect(produced?.keys.sorted() == expected.keys.sorted())
            for (name, stats) in expected {
                let swift = produced?[name]
                #expect(swift?.depth == stats.depth && swift?.max == stats.max && swift?.min == stats.min)
                #expect(swift?.average == stats.average)
                // statistics.pstdev works in exact fractions; the Swift one in doubles may differ in the last bits.
                #expect(zip(swift?.std ?? [], stats.std).allSatisfy { abs($0 - $1) < 1e-9 } && swift?.std.count == stats.std.count)
            }
        }
    }

    private static func shape(of program: Module) -> [Shape] {
        program.predictors().map { Shape(instructions: $0.signature.instructions, prefix: $0.signature.fields.last?.prefix ?? "") }
    }

    private static func candidate<Program>(_ candidate: COPROCandidate<Program>) -> Candidate {
        Candidate(score: candidate.score, depth: candidate.depth, instruction: candidate.instruction,
                  prefix: candidate.prefix, program: shape(of: candidate.program))
    }
}

/// Python's `TwoStep` (`Fixtures/reference_copro.py`): a chain of thought drafts the answer, a predictor checks it.
class TwoStepProgram: Module {
    let draft = ChainOfThought(Signature {
        InputField("question")
        OutputField("answer")
    })
    let check = Predict(Signature {
        InputField("question")
        InputField("draft")
        OutputField("answer")
    })

    required init() { super.init() }

    override func forward(_ inputs: Example) throws -> Prediction {
        let draft = try self.draft(question: inputs.question)
        return try check(question: inputs.question, draft: draft.answer)
    }
}
