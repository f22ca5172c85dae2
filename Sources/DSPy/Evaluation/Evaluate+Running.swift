import Foundation
import Synchronization

extension Evaluate {
    /// Evaluates several programs on the devset as one pool of work, so that the optimizers can score all their
    /// candidates at once with every thread busy; each program gets its own error count and result.
    func evaluate(_ programs: [Module], threads: Int?, showProgress: Bool) throws -> [EvaluationResult] {
        guard !devset.isEmpty else { throw EvaluateError.emptyDevset }
        let devset = self.devset
        let metric = self.metric
        let failureScore = self.failureScore
        let maxErrors = self.maxErrors ?? Self.defaultMaxErrors
        let shared = programs.map(SharedModule.init)
        let jobs = programs.indices.flatMap { program in devset.indices.map { Job(program: program, example: $0) } }
        let tally = Mutex(Tally(programs: programs.count))
        let started = Date()
        let display = showProgress ? Presentation.presenter.beginProgress(total: jobs.count) : nil

        let outcomes = try ParallelExecutor(numThreads: threads, maxErrors: nil).run(jobs, onResult: { _, result in
            guard let display, case .success(let outcome) = result else { return }
            let progress = tally.withLock { tally in
                tally.completed += 1
                if case .scored(let score) = outcome.kind { tally.sum += score; tally.scored += 1 }
                return tally.progress(total: jobs.count, elapsed: Date().timeIntervalSince(started))
            }
            display.update(progress)
        }) { job -> Outcome in
            if tally.withLock({ $0.stopped }) { return Outcome(kind: .skipped) }
            let example = devset[job.example]
            do {
                let prediction = try Self.run(shared[job.program].module, on: example)
                let score = try metric(example, prediction, nil)
                return Outcome(kind: .scored(score), prediction: prediction)
            } catch let error as Interrupted {
                throw error
            } catch {
                let stop = tally.withLock { tally in
                    tally.errors[job.program] += 1
                    if tally.errors[job.program] >= maxErrors { tally.stopped = true }
                    return tally.stopped
                }
                Presentation.presenter.log("Error for \(example): \(error)")
                if stop { tally.withLock { $0.lastError = (job.program, job.example, "\(error)") } }
                return Outcome(kind: .failed("\(error)"))
            }
        }
        if let display { display.finish(tally.withLock { $0.progress(total: jobs.count, elapsed: Date().timeIntervalSince(started)) }) }
        try Interruption.check()
        if let (program, example, error) = tally.withLock({ $0.lastError }) {
            throw EvaluateError.tooManyErrors(count: tally.withLock { $0.errors[program] }, example: example, error: error)
        }

        return programs.indices.map { program in
            let rows = devset.indices.map { index -> EvaluationResult.Row in
                let outcome = (try? outcomes[program * devset.count + index].get()) ?? Outcome(kind: .skipped)
                switch outcome.kind {
                case .scored(let score):
                    return .init(example: devset[index], prediction: outcome.prediction, score: score, error: nil)
                case .failed(let error):
                    return .init(example: devset[index], prediction: Prediction(), score: failureScore, error: error)
                case .skipped:
                    return .init(example: devset[index], prediction: Prediction(), score: failureScore, error: "skipped")
                }
            }
            let sum = rows.map(\.score).reduce(0, +)
            return EvaluationResult(score: PythonFormat.round(100 * sum / Double(rows.count), 2), results: rows)
        }
    }

    /// Runs a program on an example's inputs, the way Evaluate and bootstrapping call programs.
    static func run(_ program: Module, on example: Example) throws -> Prediction {
        try program(example.inputs())
    }

    private struct Job: Sendable {
        var program: Int
        var example: Int
    }

    private struct Outcome: Sendable {
        enum Kind: Sendable {
            case scored(Double)
            case failed(String)
            case skipped
        }
        var kind: Kind
        var prediction = Prediction()
    }

    private struct Tally {
        var completed = 0
        var scored = 0
        var sum = 0.0
        var errors: [Int]
        var stopped = false
        var lastError: (Int, Int, String)?

        init(programs: Int) { errors = Array(repeating: 0, count: programs) }

        /// DSPy's bar: the sum and count of the examples scored so far (failures left out).
        func progress(total: Int, elapsed: Double) -> ProgressState {
            let percent = scored > 0 ? PythonFormat.round(100 * sum / Double(scored), 1) : 0
            let description = String(format: "Average Metric: %.2f / %d (", sum, scored) + PythonFormat.repr(percent) + "%)"
            return ProgressState(description: description, completed: completed, total: total, elapsed: elapsed)
        }
    }
}
