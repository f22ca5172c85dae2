import Synchronization

/// The random search's scoreboard: takes candidates' results as they arrive, in any order, and reports them in seed
/// order as DSPy prints them — the evaluation summary, "New best score", "Scores so far", "Best score so far" — each
/// candidate's lines closing its part of the `SequencedPresentation`.
final class RandomSearchReport<Program: Module>: Sendable {
    private struct State {
        var arrived: [Int: (program: SharedProgram<Program>, result: EvaluationResult)] = [:]
        var next = 0
        var scores: [Double] = []
        var candidates: [CandidateProgram] = []
        var best: SharedProgram<Program>?
        var stopped = false
    }

    private let seeds: [Int]
    private let stopAtScore: Double?
    private let sequence: SequencedPresentation
    private let summary: @Sendable (EvaluationResult) -> String
    private let state = Mutex(State())

    /// - Parameter summary: Evaluate's closing line for a result.
    init(seeds: [Int], stopAtScore: Double?, sequence: SequencedPresentation,
         summary: @escaping @Sendable (EvaluationResult) -> String) {
        self.seeds = seeds
        self.stopAtScore = stopAtScore
        self.sequence = sequence
        self.summary = summary
    }

    /// The candidates reported so far, in seed order.
    var candidates: [CandidateProgram] { state.withLock { $0.candidates } }
    /// The first candidate with the best score so far.
    var best: Program? { state.withLock { $0.best }?.program }
    /// Whether a candidate reached `stopAtScore`, so that no later one counts.
    var stopped: Bool { state.withLock { $0.stopped } }

    /// Takes the result of the candidate at `position` in the seed order and reports every candidate whose turn has
    /// come. Returns false once the search has stopped.
    func record(position: Int, program: SharedProgram<Program>, result: EvaluationResult) -> Bool {
        state.withLock { state in
            state.arrived[position] = (program, result)
            while !state.stopped, let (program, result) = state.arrived.removeValue(forKey: state.next) {
                report(program, result, at: state.next, into: &state)
                state.next += 1
            }
            return !state.stopped
        }
    }

    private func report(_ program: SharedProgram<Program>, _ result: EvaluationResult, at position: Int, into state: inout State) {
        let log = sequence.presenter(for: position)
        log.log(summary(result))
        if state.scores.isEmpty || result.score > state.scores.max()! {
            log.log("New best score: \(PythonFormat.repr(result.score)) for seed \(seeds[position])")
            state.best = program
        }
        state.scores.append(result.score)
        log.log("Scores so far: \(PythonFormat.list(state.scores))")
        log.log("Best score so far: \(PythonFormat.repr(state.scores.max()!))")
        state.candidates.append(CandidateProgram(score: result.score, subscores: result.scores, seed: seeds[position], program: program.program))
        if let stopAtScore, result.score >= stopAtScore {
            log.log("Stopping early because score \(PythonFormat.repr(result.score)) is >= stop_at_score \(PythonFormat.repr(stopAtScore))")
            state.stopped = true
        }
        sequence.close(position, last: state.stopped)
    }
}
