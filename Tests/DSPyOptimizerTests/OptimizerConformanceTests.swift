import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// The optimizers against Python DSPy 3.4.1, both talking to one deterministic local model server: same demos,
/// same scores, the same output (bars and lines, in order), and save files that load both ways.
@Suite(.serialized) struct OptimizerConformanceTests {
    struct Candidate: Decodable {
        let seed: Int
        let score: Double
        let subscores: [Double]
        let demos: [[[String: JSONValue]]]
    }

    struct Report: Decodable {
        let labeled: [[[String: JSONValue]]]
        let bootstrap: [[[String: JSONValue]]]
        let bootstrapScore: Double
        let zeroShotScore: Double
        let candidates: [Candidate]
        let best: [[[String: JSONValue]]]
        let transcript: [String]
        let loadedPrompt: [ChatMessage]
    }

    @Test func sameDemosScoresAndLogsAsPythonDSPy() throws {
        let server = try LocalServer(script: "arithmetic_server.py")
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dspy-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = try ReferencePython.runFixture("reference_optimizers.py", arguments: [server.url, directory.path])
        let reference = try JSONDecoder().decode(Report.self, from: Data(output.utf8))

        let lm = LM("openai/arithmetic", apiBase: server.url + "/v1", apiKey: "local", cache: false)
        let trainset = Arithmetic.examples(20), valset = Arithmetic.examples(10, offset: 100)
        let metric = Metric(name: "exact_match", Arithmetic.exactMatch)

        try context(lm: lm) {
            let labeled = try LabeledFewShot(k: 4).compile(ArithmeticProgram(), trainset: trainset)
            #expect(Arithmetic.demos(of: labeled) == reference.labeled)

            let bootstrapped = try BootstrapFewShot(metric: metric, maxBootstrappedDemos: 3, maxLabeledDemos: 5, numThreads: 4)
                .compile(ArithmeticProgram(), trainset: trainset)
            #expect(Arithmetic.demos(of: bootstrapped) == reference.bootstrap)

            let evaluate = Evaluate(devset: valset, metric: metric, numThreads: 4)
            #expect(try evaluate(bootstrapped).score == reference.bootstrapScore)
            #expect(try evaluate(ArithmeticProgram()).score == reference.zeroShotScore)

            let (best, transcript) = try RecordingPresenter.recording { recorder in
                let best = try BootstrapFewShotWithRandomSearch(
                    metric: metric, maxBootstrappedDemos: 2, maxLabeledDemos: 4, numCandidatePrograms: 4, numThreads: 4
                ).compile(ArithmeticProgram(), trainset: trainset, valset: valset)
                return (best, recorder.transcript)
            }
            let candidates = best.candidatePrograms
            #expect(candidates.map(\.seed) == reference.candidates.map(\.seed))
            #expect(candidates.map(\.score) == reference.candidates.map(\.score))
            #expect(candidates.map(\.subscores) == reference.candidates.map(\.subscores))
            #expect(candidates.map { Arithmetic.demos(of: $0.program) } == reference.candidates.map(\.demos))
            #expect(Arithmetic.demos(of: best) == reference.best)
            // What the user sees, candidate after candidate: bootstrap bar and line, evaluation bar, scores.
            #expect(transcript == reference.transcript)

            // Swift saves, Python loads.
            let swiftSaved = directory.appendingPathComponent("swift.json").path
            try bootstrapped.save(to: swiftSaved)
            let loadedByPython = try ReferencePython.runFixture("reference_optimizers.py", arguments: ["--load", swiftSaved])
            #expect(try JSONDecoder().decode([[[String: JSONValue]]].self, from: Data(loadedByPython.utf8)) == reference.bootstrap)
        }

        // Python saves, Swift loads and sends the same prompt.
        let loaded = ArithmeticProgram()
        try loaded.load(from: directory.appendingPathComponent("search.json").path)
        #expect(Arithmetic.demos(of: loaded) == reference.best)
        let recorder = DummyLM(answers: [["reasoning": "r", "answer": "4"]])
        _ = try context(lm: recorder) { try loaded(question: "What is 2 + 2?") }
        #expect(recorder.calls.first?.messages == reference.loadedPrompt)
    }
}
