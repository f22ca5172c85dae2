import Foundation
import Synchronization

extension Evaluate {
    /// Evaluates several programs on the devset as one pool of work, so that the optimizers can score all their
    /// candidates at once with every thread busy; each program gets its own error count, progress bar and result.
    ///
    /// - Parameters:
    ///   - presenters: where each program's progress bar (when `showProgress`) and error lines go, one per program.
    ///   - finished: hears each program's result as soon as its last example is scored, from a worker thread; when
    ///     it returns false, the programs after that one stop (their results are all skips).
    func evaluate(
        _ programs: [Module], threads: Int?, showProgress: Bool, presenters: [any Presenter],
        finished: (@Sendable (Int, EvaluationResult) -> Bool)? = nil
    ) throws -> [EvaluationResult] {
        guard !devset.isEmpty else { throw EvaluateError.emptyDevset }
        let devset = self.devset
        let metric = self.metric
        let maxErrors = self.maxErrors ?? Self.defaultMaxErrors
        let shared = programs.map(SharedModule.init)
        let jobs = programs.indices.flatMap { program in devset.indices.map { Job(program: program, example: $0) } }
        let tally = Mutex(Tally(programs: programs.count, examples: devset.count))
        let displays = showProgress ? presenters.map { $0.beginProgress(total: devset.count) } : nil

        _ = try ParallelExecutor(numThreads: threads, maxErrors: nil).run(jobs, onResult: { index, outcome in
            guard case .success(let outcome) = outcome else { return }
            let program = jobs[index].program
            // The bar is drawn under the lock, so that its states arrive in order and the finish comes last.
            let complete = tally.withLock { tally in
                let (progress, complete) = tally.record(outcome, for: jobs[index])
                if let progress {
                    complete == nil ? displays?[program].update(progress) : displays?[program].finish(progress)
                }
                return complete
            }
            if let complete, let finished, !finished(program, evaluationResult(complete)) {
                tally.withLock { $0.cutoff = min($0.cutoff, program + 1) }
            }
        }) { job -> Outcome in
            guard tally.withLock({ $0.start(job) }) else { return Outcome(kind: .skipped) }
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
                presenters[job.program].log("Error for \(example): \(error)")
                if stop { tally.withLock { $0.lastError = (job.program, job.example, "\(error)") } }
                return Outcome(kind: .failed("\(error)"))
            }
        }
        // Bars of programs that stopped short show where they stopped, as tqdm's do when closed.
        for (program, progress) in tally.withLock({ $0.unfinishedBars() }) { displays?[program].finish(progress) }
        try Interruption.check()
        return try tally.withLock { tally in
            if let (program, example, error) = tally.lastError {
                throw EvaluateError.tooManyErrors(count: tally.errors[program], example: example, error: error)
            }
            return tally.outcomes.map(evaluationResult)
        }
    }

    /// A program's result from its outcomes, in devset order.
    private func evaluationResult(_ outcomes: [Outcome?]) -> EvaluationResult {
        let rows = zip(devset, outcomes).map { example, outcome -> EvaluationResult.Row in
            switch outcome?.kind ?? .skipped {
            case .scored(let score):
                return .init(example: example, prediction: outcome!.prediction, score: score, error: nil)
            case .failed(let error):
                return .init(example: example, prediction: Prediction(), score: failureScore, error: error)
            case .skipped:
                return .init(example: example, prediction: Prediction(), score: failureScore, error: EvaluationResult.skipped)
            }
        }
        let sum = rows.map(\.score).reduce(0, +)
        return EvaluationResult(score: PythonFormat.round(100 * sum / Double(rows.count), 2), results: rows)
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
        /// Each program's outcomes by example, filled as they come.
        var outcomes: [[Outcome?]]
        /// When each program's first example started: its bar's clock.
        var starts: [Date?]
        var completed: [Int]
        var scored: [Int]
        var sums: [Double]
        var errors: [Int]
        var barsFinished: [Bool]
        /// Set when a program reached `maxErrors`: every remaining example is skipped.
        var stopped = false
        /// Programs from this index on are skipped.
        var cutoff: Int
        var lastError: (Int, Int, String)?

        init(programs: Int, examples: Int) {
            outcomes = Array(repeating: Array(repeating: nil, count: examples), count: programs)
            starts = Array(repeating: nil, count: programs)
            completed = Array(repeating: 0, count: programs)
            scored = completed
            sums = Array(repeating: 0, count: programs)
            errors = completed
            barsFinished = Array(repeating: false, count: programs)
            cutoff = programs
        }

        /// Whether `job` is to run; starts its program's clock.
        mutating func start(_ job: Job) -> Bool {
            guard !stopped, job.program < cutoff else { return false }
            if starts[job.program] == nil { starts[job.program] = Date() }
            return true
        }

        /// Records one outcome. Returns the program's bar (nil for a skip) and, when this was its last example and
        /// none was skipped, all its outcomes.
        mutating func record(_ outcome: Outcome, for job: Job) -> (ProgressState?, [Outcome?]?) {
            let program = job.program
            outcomes[program][job.example] = outcome
            if case .skipped = outcome.kind { return (nil, nil) }
            completed[program] += 1
            if case .scored(let score) = outcome.kind { sums[program] += score; scored[program] += 1 }
            guard completed[program] == outcomes[program].count else { return (progress(of: program), nil) }
            barsFinished[program] = true
            return (progress(of: program), outcomes[program])
        }

        /// The bars left unfinished by skips, for programs still shown.
        mutating func unfinishedBars() -> [(Int, ProgressState)] {
            let programs = outcomes.indices.filter { !barsFinished[$0] && $0 < cutoff && starts[$0] != nil }
            for program in programs { barsFinished[program] = true }
            return programs.map { ($0, progress(of: $0)) }
        }

        /// DSPy's bar: the sum and count of the examples scored so far (failures left out).
        private func progress(of program: Int) -> ProgressState {
            let count = scored[program], sum = sums[program]
            let percent = count > 0 ? PythonFormat.round(100 * sum / Double(count), 1) : 0
            let description = String(format: "Average Metric: %.2f / %d (", sum, count) + PythonFormat.repr(percent) + "%)"
            let elapsed = starts[program].map { Date().timeIntervalSince($0) } ?? 0
            return ProgressState(description: description, completed: completed[program], total: outcomes[program].count,
                                 elapsed: elapsed)
        }
    }
}
