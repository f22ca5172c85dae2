import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// SIMBA against Python DSPy 3.4.1's, each talking to its own copy of the deterministic arithmetic server (whose
/// answers at temperature 1.0 vary by repetition, so runs differ): the same requests (each rule prompt in order,
/// the runs between them as a set, since threads interleave them), the same candidates with the same scores, the
/// same program, trial logs and log lines — for a one-predictor and a two-predictor program.
@Suite(.serialized) struct SIMBAConformanceTests {
    struct Shape: Decodable, Equatable {
        let instructions: String
        let demos: [[String: JSONValue]]
    }

    struct Candidate: Decodable, Equatable {
        let score: Double
        let program: [Shape]
    }

    struct Run: Decodable {
        let best: [Shape]
        let candidates: [Candidate]
        let trialLogs: [String: [String: Double]]
        let transcript: [String]
    }

    struct Report: Decodable {
        let single: Run
        let twoStep: Run
    }

    @Test func sameRequestsCandidatesAndProgramAsPythonDSPy() throws {
        let run = try RecordedRequests<Report>(fixture: "reference_simba.py", marker: "You will be given two trajectories") { reference in
            try expectSameRun(SourcedArithmeticProgram(), seed: 7, as: reference.single)
            try expectSameRun(SourcedTwoStepProgram(), seed: 11, as: reference.twoStep)
        }
        #expect(run.swift.count == run.python.count)
        #expect(run.python.count > 4, "the reference run asked for rules")
        for (index, (phase, reference)) in zip(run.swift, run.python).enumerated() {
            #expect(phase == reference, "request phase \(index) (a rule request and the runs after it)")
        }
    }

    private func expectSameRun<Program: Module>(_ student: Program, seed: Int, as reference: Run) throws {
        let metric = Metric(name: "exact_match", Arithmetic.exactMatch)
        let (result, transcript) = try RecordingPresenter.recording { recorder in
            let simba = try SIMBA(metric: metric, bsize: 4, numCandidates: 3, maxSteps: 3, maxDemos: 1, numThreads: 4)
            let result = try simba.optimize(student, trainset: Arithmetic.examples(12), seed: seed)
            return (result, recorder.transcript)
        }
        #expect(Self.shape(of: result.program) == reference.best)
        #expect(result.candidates.map { Candidate(score: $0.score, program: Self.shape(of: $0.program)) } == reference.candidates)
        let logs = result.trainScores.enumerated().map { step, score in
            (String(step), score.map { ["train_score": $0] } ?? [:])
        }
        #expect(Dictionary(uniqueKeysWithValues: logs) == reference.trialLogs)
        // Python's log handler writes each message as lines after a timestamp prefix, which the reference transcript
        // removes: a message's first line stays even when empty, later empty lines do not.
        let lines = transcript.flatMap { message in
            let parts = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return [parts[0]] + parts.dropFirst().filter { !$0.isEmpty }
        }
        #expect(lines == reference.transcript)
    }

    private static func shape(of program: Module) -> [Shape] {
        program.predictors().map { predictor in
            Shape(instructions: predictor.signature.instructions,
                  demos: predictor.demos.map { Dictionary($0.items(), uniquingKeysWith: { first, _ in first }) })
        }
    }
}

/// `ArithmeticProgram` showing SIMBA's prompt model the code of Python's `Program`, as `inspect.getsource` gives it.
final class SourcedArithmeticProgram: ArithmeticProgram, ProgramSource {
    static let sourceCode = pythonClassSource("Program", in: "reference_optimizers.py")
}

/// `TwoStepProgram` showing the code of Python's `TwoStep`.
final class SourcedTwoStepProgram: TwoStepProgram, ProgramSource {
    static let sourceCode = pythonClassSource("TwoStep", in: "reference_copro.py")
}
