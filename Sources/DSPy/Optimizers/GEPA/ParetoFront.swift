/// GEPA's Pareto front over the validation examples (`gepa.gepa_utils`): for each example, the programs with its
/// best score, and the draw of a parent among the programs no other front program dominates.
enum ParetoFront {
    /// `remove_dominated_programs`: each front without the programs dominated by others (a program is dominated
    /// when every front holding it also holds another program still standing), tried from the lowest `scores`.
    static func withoutDominated(_ fronts: [PythonIntSet], scores: [Double]) -> [PythonIntSet] {
        var programs: [Int] = []
        for front in fronts { for program in front.elements where !programs.contains(program) { programs.append(program) } }
        programs = programs.enumerated().sorted {
            scores[$0.element] != scores[$1.element] ? scores[$0.element] < scores[$1.element] : $0.offset < $1.offset
        }.map(\.element)
        var dominated = Set<Int>()
        var removed = true
        while removed {
            removed = false
            for program in programs where !dominated.contains(program) {
                let others = Set(programs).subtracting([program]).subtracting(dominated)
                let held = fronts.filter { $0.contains(program) }
                if held.allSatisfy({ $0.elements.contains(where: others.contains) }) {
                    dominated.insert(program)
                    removed = true
                    break
                }
            }
        }
        return fronts.map { front in PythonIntSet(front.elements.filter { !dominated.contains($0) }) }
    }

    /// `select_program_candidate_from_pareto_front`: a program drawn with `rng.choice`, each as often as it
    /// stands on the fronts left by `withoutDominated`.
    static func select(_ fronts: [PythonIntSet], scores: [Double], rng: inout PythonRandom) throws -> Int {
        var order: [Int] = [], frequency: [Int: Int] = [:]
        for front in withoutDominated(fronts, scores: scores) {
            for program in front.elements {
                if frequency[program] == nil { order.append(program) }
                frequency[program, default: 0] += 1
            }
        }
        let sampling = order.flatMap { Array(repeating: $0, count: frequency[$0]!) }
        return try rng.choice(sampling)
    }

    /// `find_dominator_programs`: the programs left on the fronts, in the order of Python's set of them.
    static func dominators(_ fronts: [PythonIntSet], scores: [Double]) -> [Int] {
        PythonIntSet(withoutDominated(fronts, scores: scores).flatMap(\.elements)).elements
    }
}

/// GEPA's `EpochShuffledBatchSampler`: the training ids shuffled once per epoch, padded to a whole number of
/// minibatches with the least used ids, and cut into minibatches by iteration.
struct EpochShuffledBatchSampler {
    let minibatchSize: Int
    private var shuffled: [Int] = []
    private var epoch = -1

    init(minibatchSize: Int) {
        self.minibatchSize = minibatchSize
    }

    /// The minibatch of iteration `iteration` (GEPA's `state.i`, from 0) over `trainsetSize` examples.
    mutating func next(iteration: Int, trainsetSize: Int, rng: inout PythonRandom) -> [Int] {
        let base = iteration * minibatchSize
        let currentEpoch = epoch == -1 ? 0 : base / max(shuffled.count, 1)
        if shuffled.isEmpty || currentEpoch > epoch {
            epoch = currentEpoch
            shuffle(trainsetSize: trainsetSize, rng: &rng)
        }
        let start = base % shuffled.count
        return Array(shuffled[start..<(start + minibatchSize)])
    }

    private mutating func shuffle(trainsetSize: Int, rng: inout PythonRandom) {
        shuffled = Array(0..<trainsetSize)
        rng.shuffle(&shuffled)
        // `Counter(ids).most_common()[::-1][0]`: the least used id, the last first seen among ties.
        var uses = Array(repeating: 1, count: trainsetSize)
        let remainder = trainsetSize % minibatchSize
        for _ in 0..<(remainder == 0 ? 0 : minibatchSize - remainder) {
            let fewest = uses.min()!
            let id = shuffled[..<trainsetSize].last { uses[$0] == fewest }!
            shuffled.append(id)
            uses[id] += 1
        }
    }
}
