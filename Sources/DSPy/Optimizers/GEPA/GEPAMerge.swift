/// GEPA's merge proposer (`gepa.proposer.merge`): after an iteration found a new program, two programs on the
/// Pareto front that descend from a common ancestor are combined — each predictor takes the instruction of the
/// descendant that changed it — and the merge is scored on a few validation examples where the parents differ.
struct GEPAMerge {
    let maxInvocations: Int
    var due = 0
    var tested = 0
    var lastIterationFoundNewProgram = false
    /// `merges_performed`: the (id1, id2, ancestor) triplets tried and the (id1, id2, sources) merges made.
    private var triplets: [[Int]] = []
    private var descriptions: [[Int]] = []
    /// `val_overlap_floor`: the validation examples both parents must share.
    static let overlapFloor = 5

    init(maxInvocations: Int) {
        self.maxInvocations = maxInvocations
    }

    /// After a new program was accepted: schedules a merge while invocations remain.
    mutating func foundNewProgram() {
        lastIterationFoundNewProgram = true
        if tested < maxInvocations { due += 1 }
    }

    /// A merged candidate with its parents and the validation ids to score it on, or nil with the reason logged
    /// (`MergeProposer.propose` up to the subsample evaluation).
    mutating func propose(_ state: GEPAState, rng: inout PythonRandom, iteration: Int) throws -> (candidate: [String], parents: [Int], ids: [Int])? {
        let log = Presentation.presenter
        let scores = state.averages
        let candidates = ParetoFront.dominators(state.frontPrograms, scores: scores)
        guard let (merged, id1, id2, ancestor) = try attempt(state, candidates: candidates, scores: scores, rng: &rng) else {
            log.log("Iteration \(iteration): No merge candidates found")
            return nil
        }
        triplets.append([id1, id2, ancestor])
        log.log("Iteration \(iteration): Merged programs \(id1) and \(id2) via ancestor \(ancestor)")
        let ids = try subsample(state.subscores[id1], state.subscores[id2], rng: &rng)
        guard !ids.isEmpty else {
            log.log("Iteration \(iteration): Skipping merge of \(id1) and \(id2) due to insufficient overlapping val coverage")
            return nil
        }
        return (merged, [id1, id2], ids)
    }

    /// `sample_and_attempt_merge_programs_by_common_predictors`.
    private mutating func attempt(
        _ state: GEPAState, candidates: [Int], scores: [Double], rng: inout PythonRandom
    ) throws -> ([String], Int, Int, Int)? {
        guard candidates.count >= 2, state.parents.count >= 3 else { return nil }
        for _ in 0..<10 {
            guard let (id1, id2, ancestor) = try commonAncestorPair(state, candidates: candidates, scores: scores, rng: &rng),
                  !triplets.contains([id1, id2, ancestor]) else { continue }
            var merged = state.candidates[ancestor], sources: [Int] = []
            for predictor in merged.indices {
                let old = state.candidates[ancestor][predictor]
                let first = state.candidates[id1][predictor], second = state.candidates[id2][predictor]
                let source: Int
                if (old == first || old == second) && first != second {
                    source = old == first ? id2 : id1
                } else if old != first && old != second {
                    source = scores[id1] > scores[id2] ? id1 : scores[id2] > scores[id1] ? id2 : try rng.choice([id1, id2])
                } else {
                    source = id1
                }
                merged[predictor] = state.candidates[source][predictor]
                sources.append(source)
            }
            let description = [id1, id2] + sources
            if descriptions.contains(description) { continue }
            let shared = min(state.subscores[id1].count, state.subscores[id2].count)
            if shared < Self.overlapFloor { continue }
            descriptions.append(description)
            return (merged, id1, id2, ancestor)
        }
        return nil
    }

    /// `find_common_ancestor_pair`: two front programs, neither descending from the other, and an ancestor of both
    /// no better than either whose instructions one of them kept, drawn weighted by its score.
    private func commonAncestorPair(
        _ state: GEPAState, candidates: [Int], scores: [Double], rng: inout PythonRandom
    ) throws -> (Int, Int, Int)? {
        for _ in 0..<10 {
            let pair = try rng.sample(candidates, 2)
            guard pair[0] != pair[1] else { continue }
            let i = min(pair[0], pair[1]), j = max(pair[0], pair[1])
            let ancestorsI = PythonIntSet(ancestors(of: i, in: state.parents).elements)
            let ancestorsJ = PythonIntSet(ancestors(of: j, in: state.parents).elements)
            if ancestorsI.contains(j) || ancestorsJ.contains(i) { continue }
            // `set & set` walks the smaller set (the right one on a tie) into a new set.
            let (walked, other) = ancestorsJ.count > ancestorsI.count ? (ancestorsI, ancestorsJ) : (ancestorsJ, ancestorsI)
            let common = PythonIntSet(walked.elements.filter(other.contains)).elements.filter { ancestor in
                !triplets.contains([i, j, ancestor]) && scores[ancestor] <= scores[i] && scores[ancestor] <= scores[j]
                    && Self.hasDesirablePredictors(state.candidates, ancestor, i, j)
            }
            if !common.isEmpty {
                return (i, j, common[try rng.weightedIndex(common.map { scores[$0] })])
            }
        }
        return nil
    }

    /// The ancestors of `node`, found depth first into a set.
    private func ancestors(of node: Int, in parents: [[Int?]], into found: PythonIntSet = PythonIntSet([])) -> PythonIntSet {
        var found = found
        for case let parent? in parents[node] where !found.contains(parent) {
            found.insert(parent)
            found = ancestors(of: parent, in: parents, into: found)
        }
        return found
    }

    /// `does_triplet_have_desirable_predictors`: some predictor where one descendant kept the ancestor's
    /// instruction and the other changed it.
    private static func hasDesirablePredictors(_ candidates: [[String]], _ ancestor: Int, _ first: Int, _ second: Int) -> Bool {
        candidates[ancestor].indices.contains { predictor in
            let old = candidates[ancestor][predictor], a = candidates[first][predictor], b = candidates[second][predictor]
            return (old == a || old == b) && a != b
        }
    }

    /// `select_eval_subsample_for_merged_program`: up to 5 validation ids, drawn in turn from those where the
    /// first parent, then the second, scored higher, then the ties.
    private func subsample(_ scores1: [Double], _ scores2: [Double], rng: inout PythonRandom) throws -> [Int] {
        let wanted = 5, each = 2
        let common = Array(0..<min(scores1.count, scores2.count))
        let buckets = [common.filter { scores1[$0] > scores2[$0] }, common.filter { scores2[$0] > scores1[$0] },
                       common.filter { scores1[$0] == scores2[$0] }]
        var selected: [Int] = []
        for bucket in buckets where selected.count < wanted {
            let available = bucket.filter { !selected.contains($0) }
            let take = min(available.count, each, wanted - selected.count)
            if take > 0 { selected += try rng.sample(available, take) }
        }
        let remaining = wanted - selected.count
        if remaining > 0 {
            let unused = common.filter { !selected.contains($0) }
            if unused.count >= remaining {
                selected += try rng.sample(unused, remaining)
            } else if !common.isEmpty {
                selected += (0..<remaining).map { _ in common[Int(rng.random() * Double(common.count))] }
            }
        }
        return Array(selected.prefix(wanted))
    }
}
