import DSPyTesting
import Foundation
import JSON
import Testing
@testable import DSPy

/// GEPA's engine parts against the `gepa` package in the test venv (Python's set order, the Pareto draw, the
/// epoch-shuffled minibatches), and GEPA on bad input: never a crash, a clear error or a logged skip naming the
/// iteration.
@Suite(.serialized) struct GEPATests {
    struct Reference: Decodable {
        let sets: [String]
        let selections: [[Int]]
        let batches: [[[Int]]]
    }

    static let setCases: [[Int]] = [[3, 9], [1, 8], [0, 8, 16], [9, 3, 17, 25, 4], Array(0..<12), [40, 2, 33, 7, 8, 1]]
    /// Fronts (per validation example) and each program's score.
    static let frontCases: [([[Int]], [Double])] = [
        ([[0, 1], [1], [0], [0, 1]], [0.5, 0.5]),
        ([[0, 2], [1, 2], [3], [2, 3], [9, 1]], [0.2, 0.4, 0.6, 0.3, 0, 0, 0, 0, 0, 0.5]),
        ([[0], [0], [0]], [1]),
    ]
    static let batchCases: [(Int, Int)] = [(5, 3), (6, 3), (2, 3), (7, 2)]

    static let script = """
    import json, random, sys
    from gepa.gepa_utils import select_program_candidate_from_pareto_front
    from gepa.strategies.batch_sampler import EpochShuffledBatchSampler
    from gepa.core.data_loader import ensure_loader
    out = {"sets": [], "selections": [], "batches": []}
    for values in json.loads(sys.argv[1]):
        s = set()
        for v in values:
            s.add(v)
        out["sets"].append(repr(s))
    for fronts, scores in json.loads(sys.argv[2]):
        rng = random.Random(0)
        mapping = {i: set(front) for i, front in enumerate(fronts)}
        out["selections"].append([select_program_candidate_from_pareto_front(mapping, scores, rng) for _ in range(8)])
    class State:
        i = 0
    for size, minibatch in json.loads(sys.argv[3]):
        sampler, state, rng = EpochShuffledBatchSampler(minibatch, random.Random(1)), State(), None
        batches = []
        for i in range(7):
            state.i = i
            batches.append(sampler.next_minibatch_ids(ensure_loader(list(range(size))), state))
        out["batches"].append(batches)
    print(json.dumps(out))
    """

    @Test func sameSetOrderParetoDrawsAndMinibatchesAsTheGEPAPackage() throws {
        let fronts = Self.frontCases.map { "[\(JSONValue.array($0.0.map { .array($0.map { .int($0) }) }).pythonJSON()), \(JSONValue.array($0.1.map { .double($0) }).pythonJSON())]" }
        let reference = try ReferencePython.json(Reference.self, Self.script, arguments: [
            JSONValue.array(Self.setCases.map { .array($0.map { .int($0) }) }).pythonJSON(),
            "[" + fronts.joined(separator: ", ") + "]",
            "[" + Self.batchCases.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ") + "]",
        ])
        #expect(Self.setCases.map { PythonIntSet($0).description } == reference.sets)
        let selections = try Self.frontCases.map { fronts, scores in
            var rng = PythonRandom(seed: 0)
            let sets = fronts.map { PythonIntSet($0) }
            return try (0..<8).map { _ in try ParetoFront.select(sets, scores: scores, rng: &rng) }
        }
        #expect(selections == reference.selections)
        let batches = Self.batchCases.map { size, minibatch in
            var sampler = EpochShuffledBatchSampler(minibatchSize: minibatch)
            var rng = PythonRandom(seed: 1)
            return (0..<7).map { sampler.next(iteration: $0, trainsetSize: size, rng: &rng) }
        }
        #expect(batches == reference.batches)
    }

    /// Runs `body` with an uncached LM of the arithmetic server (`model` names the server's model).
    private func withServer<T>(model: String = "arithmetic", _ body: (any LanguageModel) throws -> T) throws -> T {
        let server = try LocalServer(script: "arithmetic_server.py")
        defer { server.stop() }
        let lm = LM("openai/arithmetic", apiBase: server.url + "/v1", apiKey: "local", cache: false)
        let reflection = LM("openai/\(model)", apiBase: server.url + "/v1", apiKey: "local", cache: false)
        return try context(lm: lm) { try body(reflection) }
    }

    @Test func badSettingsAndInputAreClearErrors() throws {
        let lm = LM("openai/none", apiBase: "http://127.0.0.1:9/v1", apiKey: "local", cache: false)
        let metric = Arithmetic.feedbackMetric
        #expect(throws: GEPABudget.BudgetError.self) { try GEPA(metric: metric, reflectionLM: lm) }
        #expect(throws: OptimizerError.self) { try GEPA(metric: metric, maxMetricCalls: -1, reflectionLM: lm) }
        #expect(throws: OptimizerError.self) { try GEPA(metric: metric, maxMetricCalls: 5, reflectionLM: lm, reflectionMinibatchSize: 0) }
        let gepa = try GEPA(metric: metric, maxMetricCalls: 10, reflectionLM: lm)
        #expect(throws: OptimizerError.emptyTrainset) { try gepa.optimize(ArithmeticProgram(), trainset: []) }
        #expect(throws: OptimizerError.invalidSetting("seed_candidate must contain at least one component text.")) {
            try gepa.optimize(Module(), trainset: Arithmetic.examples(3))
        }
    }

    @Test func aZeroBudgetScoresTheStudentAndSaysNoIterationRan() throws {
        let (result, compiled, transcript) = try withServer { reflection in
            try RecordingPresenter.recording { recorder in
                let gepa = try GEPA(metric: Arithmetic.feedbackMetric, maxMetricCalls: 0, reflectionLM: reflection,
                                    useMerge: false)
                let result = try gepa.optimize(ArithmeticProgram(), trainset: Arithmetic.examples(4))
                let compiled = try (gepa as any Teleprompter<Module, Module>).compile(student: ArithmeticProgram(),
                                                                                    trainset: Arithmetic.examples(4))
                return (result, compiled, recorder.transcript)
            }
        }
        #expect(result.candidates.count == 1)
        #expect(compiled.predictors().map(\.signature.instructions) == ArithmeticProgram().predictors().map(\.signature.instructions))
        #expect(result.totalMetricCalls == 4)
        #expect(transcript.contains("GEPA ran no iteration: the budget of 0 metric calls was spent on scoring the student on 4 examples."))
    }

    @Test func aMetricThatThrowsScoresFailuresAndTheRunGoesOn() throws {
        let metric = FeedbackMetric { example, prediction, _, _, _ in
            guard try example.value("answer") == prediction.answer else { throw ExampleError.missingField("judge", available: []) }
            return ScoreWithFeedback(score: 1, feedback: nil)
        }
        let (result, transcript) = try withServer { reflection in
            try RecordingPresenter.recording { recorder in
                let gepa = try GEPA(metric: metric, maxMetricCalls: 20, reflectionLM: reflection, useMerge: false, numThreads: 2)
                return (try gepa.optimize(ArithmeticProgram(), trainset: Arithmetic.examples(5)), recorder.transcript)
            }
        }
        #expect(result.valSubscores[0].contains(0), "the examples whose metric threw scored the failure score")
        #expect(transcript.contains { $0.hasPrefix("Error for ") && $0.contains("judge") })
        #expect(transcript.contains { $0.hasPrefix("Iteration 1: ") })
        #expect(result.totalMetricCalls >= 20)
        #expect(transcript.contains { $0.hasPrefix("[bar] GEPA Optimization ") && $0.hasSuffix("/20") },
                "the run's progress over the metric-call budget")
    }

    @Test func aReflectionReplyThatCannotBeParsedSkipsTheIterationNamingIt() throws {
        let (result, transcript) = try withServer(model: "garbled") { reflection in
            try RecordingPresenter.recording { recorder in
                let gepa = try GEPA(metric: Arithmetic.feedbackMetric, maxMetricCalls: 11, reflectionLM: reflection,
                                    useMerge: false)
                return (try gepa.optimize(ArithmeticProgram(), trainset: Arithmetic.examples(5)), recorder.transcript)
            }
        }
        #expect(result.candidates.count == 1)
        #expect(transcript.contains { $0.hasPrefix("Batched reflection failed (") })
        #expect(transcript.contains { $0.hasPrefix("Per-task reflection failed: ") })
        #expect(transcript.contains("Iteration 1: Reflective mutation did not propose a new candidate"))
    }
}
