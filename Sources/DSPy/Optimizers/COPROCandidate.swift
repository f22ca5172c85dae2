/// One instruction and prefix COPRO scored for one predictor, with the program it scored: an entry of DSPy's
/// `candidate_programs` for COPRO.
public struct COPROCandidate<Program: Module> {
    /// The score in percent, as `Evaluate` gives it on the trainset.
    public var score: Double
    /// The whole program as it was scored: this predictor with the candidate, the others as they were then.
    public var program: Program
    public var instruction: String
    /// The prefix of the predictor's last field.
    public var prefix: String
    /// The iteration (from 0) in which it was last scored best for its instruction and prefix.
    public var depth: Int
    /// Python compares candidates' last fields by identity (pydantic's `FieldInfo` has no `__eq__`), and a field
    /// is new whenever a signature is updated, so each predictor's field carries the number of the update that
    /// made it; programs are duplicates only when these match, as in DSPy.
    var fieldIdentities: [Int]
}

/// The min, max, mean and population standard deviation of scores, one entry per iteration: DSPy's
/// `results_best` and `results_latest` for one predictor.
public struct COPROStats: Sendable, Equatable {
    public var depth: [Int] = []
    public var max: [Double] = []
    public var average: [Double] = []
    public var min: [Double] = []
    public var std: [Double] = []

    /// Adds the statistics of `scores` (not empty) for iteration `depth`.
    mutating func append(depth: Int, scores: [Double]) {
        let mean = scores.reduce(0, +) / Double(scores.count)
        self.depth.append(depth)
        max.append(scores.max()!)
        average.append(mean)
        min.append(scores.min()!)
        // statistics.pstdev: the mean of squared deviations from the exact mean, then the square root.
        std.append((scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(scores.count)).squareRoot())
    }
}

/// The candidates scored for one predictor, keyed by (instruction, prefix) in first-scored order, as DSPy's
/// `evaluated_candidates[id(predictor)]` dict: a better score for a known key replaces its entry in place.
struct EvaluatedInstructions<Program: Module> {
    private(set) var entries: [COPROCandidate<Program>] = []
    private var positions: [Pair: Int] = [:]

    private struct Pair: Hashable {
        var instruction: String
        var prefix: String
    }

    var count: Int { entries.count }

    /// Keeps `candidate` unless its instruction and prefix already scored at least as well.
    mutating func record(_ candidate: COPROCandidate<Program>) {
        let key = Pair(instruction: candidate.instruction, prefix: candidate.prefix)
        if let position = positions[key] {
            if entries[position].score < candidate.score { entries[position] = candidate }
        } else {
            positions[key] = entries.count
            entries.append(candidate)
        }
    }

    /// The first of the best scored (Python's `max` keeps the first maximum).
    var best: COPROCandidate<Program>? {
        entries.reduce(nil) { best, entry in best.map { $0.score >= entry.score ? $0 : entry } ?? entry }
    }

    /// The entries, best first, ties in first-scored order (Python's stable `sort(reverse=True)`).
    var ranked: [COPROCandidate<Program>] { COPRO.ranked(entries) }
}

extension COPRO {
    /// Best first, ties kept in order, as Python's stable `sort(key=score, reverse=True)`.
    static func ranked<Program>(_ candidates: [COPROCandidate<Program>]) -> [COPROCandidate<Program>] {
        candidates.enumerated()
            .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
            .map(\.element)
    }

    /// DSPy's `_drop_duplicates` over ranked candidates: a candidate is dropped when one of the same score before it
    /// (in the current run of equal scores) has the same instructions and the same last fields in every predictor.
    static func droppingDuplicates<Program>(_ candidates: [COPROCandidate<Program>]) -> [COPROCandidate<Program>] {
        var kept: [COPROCandidate<Program>] = []
        var batch: [COPROCandidate<Program>] = []
        var batchScore = -1.0
        for candidate in candidates {
            if candidate.score == batchScore {
                if batch.contains(where: { isSame(candidate, $0) }) { continue }
                batch.append(candidate)
            } else {
                batch = [candidate]
                batchScore = candidate.score
            }
            kept.append(candidate)
        }
        return kept
    }

    private static func isSame<Program>(_ first: COPROCandidate<Program>, _ second: COPROCandidate<Program>) -> Bool {
        first.program.predictors().map(\.signature.instructions) == second.program.predictors().map(\.signature.instructions)
            && first.fieldIdentities == second.fieldIdentities
    }
}
