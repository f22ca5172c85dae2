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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("simba-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pythonRecord = directory.appendingPathComponent("python.jsonl").path
        let swiftRecord = directory.appendingPathComponent("swift.jsonl").path

        let pythonServer = try LocalServer(script: "arithmetic_server.py", arguments: ["--record", pythonRecord])
        defer { pythonServer.stop() }
        let output = try ReferencePython.runFixture("reference_simba.py", arguments: [pythonServer.url])
        let reference = try JSONDecoder().decode(Report.self, from: Data(output.utf8))

        let server = try LocalServer(script: "arithmetic_server.py", arguments: ["--record", swiftRecord])
        defer { server.stop() }
        let lm = LM("openai/arithmetic", apiBase: server.url + "/v1", apiKey: "local", cache: false)
        try context(lm: lm) {
            try expectSameRun(SourcedArithmeticProgram(), seed: 7, as: reference.single)
            try expectSameRun(SourcedTwoStepProgram(), seed: 11, as: reference.twoStep)
        }
        let sent = try Self.phases(recordedAt: swiftRecord), expected = try Self.phases(recordedAt: pythonRecord)
        #expect(sent.count == expected.count)
        #expect(expected.count > 4, "the reference run asked for rules")
        for (index, (phase, reference)) in zip(sent, expected).enumerated() {
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

    /// The recorded request bodies cut before each rule request; the runs after it sorted, since their threads
    /// interleave. Keys are sorted, as in `COPROConformanceTests`.
    private static func phases(recordedAt path: String) throws -> [[String]] {
        let bodies = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: sorted, as: UTF8.self)
        }
        var phases: [[String]] = []
        for body in bodies {
            if body.contains("You will be given two trajectories") {
                phases.append([body])
            } else if phases.isEmpty {
                phases.append(["", body])
            } else {
                phases[phases.count - 1].append(body)
            }
        }
        return phases.map { [$0[0]] + $0.dropFirst().sorted() }
    }
}

/// `ArithmeticProgram` showing SIMBA's prompt model the code of Python's `Program`, as `inspect.getsource` gives it.
final class SourcedArithmeticProgram: ArithmeticProgram, ProgramSource {
    static let sourceCode = """
        class Program(dspy.Module):
            def __init__(self):
                super().__init__()
                self.program = dspy.ChainOfThought("question -> answer")

            def forward(self, question):
                return self.program(question=question)

        """
}

/// `TwoStepProgram` showing the code of Python's `TwoStep`.
final class SourcedTwoStepProgram: TwoStepProgram, ProgramSource {
    static let sourceCode = """
        class TwoStep(dspy.Module):
            def __init__(self):
                super().__init__()
                self.draft = dspy.ChainOfThought("question -> answer")
                self.check = dspy.Predict("question, draft -> answer")

            def forward(self, question):
                draft = self.draft(question=question)
                return self.check(question=question, draft=draft.answer)

        """
}
