import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// GEPA against Python DSPy 3.4.1's (the `gepa` engine it drives), each talking to its own copy of the deterministic
/// arithmetic server: the same requests (each reflection prompt in order, the runs between them as a
/// set, since threads interleave them), the same candidates with the same lineage and scores, the same program and
/// the same engine log lines — with Pareto selection on a one-predictor program and a separate valset, and with
/// current-best selection and the round robin over a two-predictor program scored on its trainset (both without
/// merges), and with merges (DSPy's default) on the two-predictor program.
@Suite(.serialized) struct GEPAConformanceTests {
    struct Run: Decodable {
        let best: [String]
        let candidates: [[String]]
        let parents: [[Int?]]
        let scores: [Double]
        let subscores: [[Double]]
        let discoveryCalls: [Int]
        let totalCalls: Int
        let bestIndex: Int
        let transcript: [String]
    }

    struct Report: Decodable {
        let single: Run
        let twoStep: Run
        let merge: Run
    }

    @Test func sameRequestsCandidatesAndProgramAsPythonDSPy() throws {
        let run = try RecordedRequests<Report>(fixture: "reference_gepa.py", marker: "[[ ## examples_with_feedback ## ]]") { reference in
            let lm = Settings.current.lm!
            let single = try GEPA(metric: Arithmetic.feedbackMetric, maxMetricCalls: 60, reflectionLM: lm, useMerge: false,
                                  numThreads: 4, seed: 0)
            try expectSameRun(single, ArithmeticProgram(), trainset: Arithmetic.examples(6),
                              valset: Arithmetic.examples(4, offset: 100), as: reference.single)
            let twoStep = try GEPA(metric: Arithmetic.feedbackMetric, maxMetricCalls: 36, reflectionLM: lm,
                                   candidateSelectionStrategy: .currentBest, reflectionMinibatchSize: 2, useMerge: false,
                                   numThreads: 4, seed: 3)
            try expectSameRun(twoStep, TwoStepProgram(), trainset: Arithmetic.examples(5, offset: 13), valset: nil,
                              as: reference.twoStep)
            let merging = try GEPA(metric: Arithmetic.feedbackMetric, maxMetricCalls: 150, reflectionLM: lm,
                                   reflectionMinibatchSize: 2, numThreads: 4, seed: 1)
            try expectSameRun(merging, TwoStepProgram(), trainset: Arithmetic.examples(6, offset: 31), valset: nil,
                              as: reference.merge)
            #expect(reference.merge.parents.contains { $0.count == 2 }, "the reference run merged two programs")
        }
        #expect(run.swift.count == run.python.count)
        #expect(run.python.count > 6, "the reference runs reflected")
        for (index, (phase, reference)) in zip(run.swift, run.python).enumerated() {
            #expect(phase == reference, "request phase \(index) (a reflection request and the runs after it)")
        }
    }

    private func expectSameRun<Program: Module>(
        _ gepa: GEPA, _ student: Program, trainset: [Example], valset: [Example]?, as reference: Run
    ) throws {
        let (result, transcript) = try RecordingPresenter.recording { recorder in
            (try gepa.optimize(student, trainset: trainset, valset: valset), recorder.transcript)
        }
        let instructions = { (program: Module) in program.predictors().map(\.signature.instructions) }
        #expect(instructions(result.program) == reference.best)
        #expect(result.candidates.map(instructions) == reference.candidates)
        #expect(result.parents == reference.parents)
        #expect(result.valAggregateScores == reference.scores)
        #expect(result.valSubscores == reference.subscores)
        #expect(result.discoveryEvalCounts == reference.discoveryCalls)
        #expect(result.totalMetricCalls == reference.totalCalls)
        #expect(result.bestIndex == reference.bestIndex)
        #expect(transcript.filter { $0.hasPrefix("Iteration ") } == reference.transcript)
    }
}
