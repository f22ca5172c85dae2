/// The candidates of a GEPA run and their validation scores — the `gepa` engine's `GEPAState` with the
/// per-example ("instance") Pareto front and every example evaluated each time.
struct GEPAState {
    /// Per candidate, the instruction of each predictor, in the student's predictor order.
    var candidates: [[String]]
    var parents: [[Int?]]
    /// Per candidate, the score of each validation example.
    var subscores: [[Double]]
    /// Per validation example, the best score so far and the candidates with it.
    var frontScores: [Double]
    var frontPrograms: [PythonIntSet]
    /// Per candidate, the predictor the round robin updates next.
    var nextPredictor: [Int]
    var discoveryCalls: [Int]
    var totalCalls: Int
    var fullEvals = 1
    /// The iteration, from 0 (-1 before the first).
    var iteration = -1

    init(seed: [String], scores: [Double]) {
        candidates = [seed]
        parents = [[nil]]
        subscores = [scores]
        frontScores = scores
        frontPrograms = scores.map { _ in PythonIntSet([0]) }
        nextPredictor = [0]
        discoveryCalls = [0]
        totalCalls = scores.count
    }

    /// Each candidate's average validation score (`program_full_scores_val_set`).
    var averages: [Double] { subscores.map { $0.isEmpty ? -.infinity : $0.reduce(0, +) / Double($0.count) } }

    /// The first candidate with the best average (`FullEvaluationPolicy.get_best_program`).
    var bestProgram: Int {
        let averages = self.averages
        return averages.indices.max { averages[$0] < averages[$1] } ?? 0
    }

    /// Adds a candidate scored on the whole valset (`update_state_with_new_program`); returns its index.
    mutating func add(_ candidate: [String], parents: [Int], scores: [Double], discoveredAfter calls: Int) -> Int {
        let index = candidates.count
        candidates.append(candidate)
        discoveryCalls.append(calls)
        nextPredictor.append(parents.map { nextPredictor[$0] }.max() ?? 0)
        self.parents.append(parents)
        subscores.append(scores)
        for (example, score) in scores.enumerated() {
            if score > frontScores[example] {
                frontScores[example] = score
                frontPrograms[example] = PythonIntSet([index])
            } else if score == frontScores[example] {
                frontPrograms[example].insert(index)
            }
        }
        return index
    }

    /// The round robin's predictor for `candidate`, moving it on (`RoundRobinReflectionComponentSelector`).
    mutating func takeNextPredictor(of candidate: Int, predictors: Int) -> Int {
        let next = nextPredictor[candidate]
        nextPredictor[candidate] = (next + 1) % predictors
        return next
    }
}

extension GEPAState {
    /// Python's `repr` of a per-example dictionary: `{0: 1.0, 1: 0.0}`.
    static func repr<Value>(_ values: [Value], _ show: (Value) -> String) -> String {
        "{" + values.enumerated().map { "\($0.offset): \(show($0.element))" }.joined(separator: ", ") + "}"
    }
}
