import Foundation

/// One program run GEPA reflects on — an entry of DSPy's `bootstrap_trace_data`: the prediction, the predictor
/// calls it made and the metric's score.
struct GEPATrajectory: Sendable {
    var exampleIndex: Int
    var example: Example
    /// Nil when the last predictor's completion could not be parsed (DSPy's `FailedPrediction`).
    var prediction: Prediction?
    var trace: [TraceEntry]
    var score: Double
}

/// A candidate's scores on a batch (DSPy's `EvaluationBatch`): one per example, `failureScore` where the run or
/// the metric failed, and the runs when traces were captured.
struct GEPABatchEvaluation: Sendable {
    var scores: [Double]
    var trajectories: [GEPATrajectory]?
}

extension GEPA {
    /// The student with `candidate`'s instructions (DSPy's `DspyAdapter.build_program`).
    func build<Program: Module>(_ student: Program, _ candidate: [String]) -> Program {
        let program = student.deepcopy()
        for ((_, predictor), instructions) in zip(program.namedPredictors(), candidate) {
            predictor.signature = predictor.signature.withInstructions(instructions)
        }
        return program
    }

    /// `DspyAdapter.evaluate`: with `Evaluate` for the student's first score; with the calls traced (as
    /// `bootstrap_trace_data`) everywhere else.
    func evaluate(_ program: Module, on batch: [Example], traced: Bool) throws -> GEPABatchEvaluation {
        let threads = numThreads ?? Settings.current.numThreads
        let evaluate = Evaluate(devset: batch, metric: metric.scoreOnly, numThreads: threads, displayProgress: traced,
                                maxErrors: batch.count * 100, failureScore: failureScore)
        guard traced else { return GEPABatchEvaluation(scores: try evaluate(program).scores, trajectories: nil) }

        let metric = self.metric, failureScore = self.failureScore
        let shared = SharedModule(module: program)
        let progress = CountingProgress(description: "Average Metric", total: batch.count)
        let outcomes = try ParallelExecutor(numThreads: threads).run(Array(batch.enumerated()), onResult: { _, _ in
            progress.advance()
        }) { index, example -> GEPATrajectory? in
            let log = TraceLog()
            do {
                let prediction = try context(trace: log) { try shared.module(example.inputs()) }
                let score = try metric(example, prediction, trace: log.all).score
                return GEPATrajectory(exampleIndex: index, example: example, prediction: prediction, trace: log.all, score: score)
            } catch let error as Interrupted {
                throw error
            } catch let error as AdapterParseError where (error.parsedResult ?? [:]).isEmpty {
                return GEPATrajectory(exampleIndex: index, example: example, prediction: nil, trace: log.all, score: failureScore)
            } catch {
                Presentation.presenter.log("Error for \(example): \(error)")
                return nil
            }
        }
        progress.finish()
        let trajectories = try outcomes.compactMap { try $0.get() }
        var scores = Array(repeating: failureScore, count: batch.count)
        for trajectory in trajectories { scores[trajectory.exampleIndex] = trajectory.score }
        let rows = batch.indices.map { EvaluationResult.Row(example: batch[$0], prediction: Prediction(), score: scores[$0], error: nil) }
        Presentation.presenter.log(evaluate.summary(EvaluationResult(score: 0, results: rows)))
        return GEPABatchEvaluation(scores: scores, trajectories: trajectories)
    }
}
