import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// MIPROv2 against Python DSPy 3.4.1's (with Optuna 5.0 and NumPy), each talking to its own copy of the
/// deterministic arithmetic server, which records every request body: the same prompt-model requests in the same
/// order (dataset summary, program and module descriptions, instruction proposals), the same task-model requests
/// (as a multiset: threads interleave them), the same demo sets and instruction candidates, the same trials with
/// the same chosen indices and scores, and the same returned program and score — for an `auto: .light` run that
/// scores on minibatches, a manual two-predictor run, and a run scoring every trial on the whole valset without
/// tips or program descriptions.
@Suite(.serialized) struct MIPROv2ConformanceTests {
    struct Evaluation: Decodable, Equatable, CustomStringConvertible {
        let trial: Int
        let score: Double
        let full: Bool
        let params: [String: Int]?

        var description: String { "trial \(trial): \(score) full=\(full) \(params ?? [:])" }
    }

    struct Run: Decodable {
        let programCode: String
        let evaluations: [Evaluation]
        let instructions: [[String]]
        let demoSets: [[[[String: JSONValue]]]]
        let bestInstructions: [String]
        let bestDemos: [[[String: JSONValue]]]
        let score: Double
    }

    struct Report: Decodable {
        let light: Run
        let manual: Run
        let plain: Run
    }

    /// Text only the prompt model's requests contain.
    static let proposerMarkers = ["Given several examples from a dataset", "Given a series of observations",
                                  "Below is some pseudo-code for a pipeline", "Use the information below to learn about a task"]

    @Test func sameRequestsTrialsAndProgramAsPythonDSPy() throws {
        let metric = Metric(name: "exact_match", Arithmetic.exactMatch)
        let runs = try RecordedArithmeticRuns.run(fixture: "reference_mipro.py", report: Report.self) { reference in
            let light = try MIPROv2(metric: metric, auto: .light, numThreads: 4).optimize(
                ArithmeticProgram(), trainset: Arithmetic.examples(70),
                options: .init(programCode: reference.light.programCode))
            expectSameRun(light, minibatch: true, as: reference.light)

            var options = MIPROv2.Options(numTrials: 14, seed: 3, programCode: reference.manual.programCode)
            options.minibatchSize = 6
            options.minibatchFullEvalSteps = 3
            let manual = try MIPROv2(metric: metric, maxBootstrappedDemos: 2, maxLabeledDemos: 2, auto: nil,
                                     numCandidates: 4, numThreads: 4).optimize(
                TwoStepProgram(), trainset: Arithmetic.examples(12), valset: Arithmetic.examples(15, offset: 40),
                options: options)
            expectSameRun(manual, minibatch: true, as: reference.manual)

            var plainOptions = MIPROv2.Options(numTrials: 13)
            plainOptions.minibatch = false
            plainOptions.tipAwareProposer = false
            plainOptions.programAwareProposer = false
            let plain = try MIPROv2(metric: metric, auto: nil, numCandidates: 3, numThreads: 4).optimize(
                ArithmeticProgram(), trainset: Arithmetic.examples(10, offset: 20), options: plainOptions)
            expectSameRun(plain, minibatch: false, as: reference.plain)
        }

        let (sentProposals, sentTasks) = Self.split(runs.swiftRequests)
        let (expectedProposals, expectedTasks) = Self.split(runs.pythonRequests)
        #expect(sentProposals.count == expectedProposals.count)
        for (index, (sent, expected)) in zip(sentProposals, expectedProposals).enumerated() {
            #expect(sent == expected, "prompt-model request \(index)")
        }
        let (extra, missing) = Self.difference(sentTasks, expectedTasks)
        #expect(extra.isEmpty, "task-model requests Python did not send: \(extra.count), e.g. \(extra.prefix(2))")
        #expect(missing.isEmpty, "task-model requests Python sent and Swift did not: \(missing.count), e.g. \(missing.prefix(2))")
    }

    /// The requests only in `sent` and only in `expected`, counting repeats.
    private static func difference(_ sent: [String], _ expected: [String]) -> ([String], [String]) {
        var counts: [String: Int] = [:]
        for body in sent { counts[body, default: 0] += 1 }
        for body in expected { counts[body, default: 0] -= 1 }
        return (counts.filter { $0.value > 0 }.map(\.key).sorted(), counts.filter { $0.value < 0 }.map(\.key).sorted())
    }

    private func expectSameRun<Program: Module>(_ result: MIPROv2Result<Program>, minibatch: Bool, as reference: Run) {
        #expect(result.instructionCandidates == reference.instructions)
        let demoSets = (result.demoCandidates ?? []).map { sets in
            sets.map { demos in demos.map { Dictionary($0.items(), uniquingKeysWith: { a, _ in a }) } }
        }
        #expect(demoSets == reference.demoSets)
        let evaluations = result.evaluations.map { evaluation in
            // Python's logs keep the chosen indices of trials, not of the full evaluations between them.
            let chosenHere = !(minibatch && evaluation.fullEvaluation) && !evaluation.params.isEmpty
            return Evaluation(trial: evaluation.trial, score: evaluation.score, full: evaluation.fullEvaluation,
                              params: chosenHere ? evaluation.params : nil)
        }
        #expect(evaluations.count == reference.evaluations.count)
        for (mine, theirs) in zip(evaluations, reference.evaluations) {
            #expect(mine == theirs)
        }
        #expect(result.program.predictors().map(\.signature.instructions) == reference.bestInstructions)
        #expect(Arithmetic.demos(of: result.program) == reference.bestDemos)
        #expect(result.score == reference.score)
    }

    /// The prompt model's requests in order, the task model's sorted.
    private static func split(_ bodies: [String]) -> ([String], [String]) {
        let proposals = bodies.filter { body in proposerMarkers.contains { body.contains($0) } }
        let tasks = bodies.filter { body in !proposerMarkers.contains { body.contains($0) } }
        return (proposals, tasks.sorted())
    }
}
