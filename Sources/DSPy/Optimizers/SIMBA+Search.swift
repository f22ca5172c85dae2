import Foundation
import JSON

extension SIMBA {
    /// Runs SIMBA on a copy of `student` with `random.Random(seed)` and `np.random.default_rng(seed)` as DSPy does.
    ///
    /// A run that fails or a metric that throws scores 0.0 and is logged, as in DSPy; a strategy that fails (say,
    /// the prompt model's advice cannot be parsed) is logged and its candidate skipped.
    /// - Throws: `OptimizerError.invalidSetting` when the trainset holds fewer than `bsize` examples (DSPy's
    ///   "Trainset too small" assertion); `Interrupted`.
    public func optimize<Program: Module>(_ student: Program, trainset: [Example], seed: Int = 0) throws -> SIMBAResult<Program> {
        guard trainset.count >= bsize else {
            throw OptimizerError.invalidSetting("Trainset too small: \(trainset.count) < \(bsize)")
        }
        let log = Presentation.presenter
        var rng = PythonRandom(seed: seed)
        var rngNumPy = NumPyGenerator(seed: UInt64(seed.magnitude))
        var pool = ProgramPool(programs: [student.deepcopy()])
        var winners = [pool.programs[0]]
        let strategies: [Strategy] = maxDemos > 0 ? [.appendDemo, .appendRule] : [.appendRule]
        let promptModel = self.promptModel ?? Settings.current.lm

        var dataIndices = Array(trainset.indices)
        rng.shuffle(&dataIndices)
        var instanceIndex = 0

        for step in 0..<maxSteps {
            log.log("Starting batch \(step + 1) of \(maxSteps).")
            if instanceIndex + bsize > trainset.count {
                rng.shuffle(&dataIndices)
                instanceIndex = 0
            }
            let batch = dataIndices[instanceIndex..<(instanceIndex + bsize)].map { trainset[$0] }
            instanceIndex += bsize

            // Runs: for each model, for each example, a program drawn from the best of the pool.
            let models = resamplingModels(for: pool.programs[0])
            let top = pool.topPlusBaseline(numCandidates)
            var runs: [(Module, Example)] = []
            var predictorNames: [ObjectIdentifier: String] = [:]
            for model in models {
                for example in batch {
                    let system = pool.programs[try pool.softmaxSample(&rng, top, temperature: temperatureForSampling)].deepcopy()
                    system.setLM(model)
                    for (name, predictor) in system.namedPredictors() { predictorNames[ObjectIdentifier(predictor)] = name }
                    runs.append((system, example))
                }
            }
            log.log("Sampling program trajectories on \(bsize) examples x \(numCandidates) samples.")
            let outputs = try run(runs)

            // Buckets: each example's runs, best first; the examples sorted by (max − min, max, max − mean).
            let allScores = outputs.map(\.score.number)
            let percentile10 = Self.percentile(allScores, 10), percentile90 = Self.percentile(allScores, 90)
            let buckets = Self.buckets(outputs, batchSize: bsize)
            log.log("Batch \(step + 1): Baseline mini-batch score: \(PythonFormat.repr(allScores.reduce(0, +) / Double(allScores.count)))\n")

            var candidates: [Program] = []
            for (number, bucket) in buckets.enumerated() {
                log.log("Batch \(step + 1): Processing bucket #\(number + 1), with max score \(PythonFormat.repr(bucket.maxScore)), "
                        + "max-to-min gap \(PythonFormat.repr(bucket.maxToMinGap)), and max-to-avg gap \(PythonFormat.repr(bucket.maxToAverageGap)).")
                let source = try pool.softmaxSample(&rng, pool.topPlusBaseline(numCandidates), temperature: temperatureForCandidates)
                let candidate = pool.programs[source].deepcopy()
                let dropped = try dropDemos(from: candidate, rng: &rng, rngNumPy: &rngNumPy)
                let strategy = try rng.choice(strategies)
                log.log("Batch \(step + 1): Invoking strategy: \(strategy.rawValue)"
                        + (dropped > 0 ? ", having dropped \(dropped) demos per predictor" : ""))
                do {
                    let context = StrategyContext(predictorNames: predictorNames, percentile10: percentile10,
                                                  percentile90: percentile90, promptModel: promptModel)
                    switch strategy {
                    case .appendDemo: appendDemo(bucket.runs, to: candidate, context)
                    case .appendRule: try appendRule(bucket.runs, to: candidate, context)
                    }
                } catch let error as Interrupted {
                    throw error
                } catch {
                    log.log("Strategy failed with error: \(error)")
                    continue
                }
                candidates.append(candidate)
                log.log("\n")
                if candidates.count >= numCandidates + 1 { break }
            }

            // The new candidates on the same batch; each step's best is a winner, all join the pool.
            log.log("Batch \(step + 1): Evaluating \(candidates.count) programs on \(bsize) examples.")
            let scores = try run(candidates.flatMap { candidate in batch.map { (candidate as Module, $0) } }).map(\.score.number)
            let perCandidate = candidates.indices.map { Array(scores[($0 * bsize)..<(($0 + 1) * bsize)]) }
            let averages = perCandidate.map { $0.reduce(0, +) / Double($0.count) }
            log.log("Scores after \(step + 1) batches: \(PythonFormat.list(averages)), "
                    + "Best: \(averages.max().map(PythonFormat.repr) ?? "N/A")\n")
            if let best = averages.max(), let index = averages.firstIndex(of: best) {
                winners.append(candidates[index].deepcopy())
            }
            for (candidate, scores) in zip(candidates, perCandidate) { pool.register(candidate, scores: scores) }
        }
        return try validate(winners, on: trainset)
    }

    /// Scores evenly spaced winners on the whole trainset and returns the best.
    private func validate<Program: Module>(_ winners: [Program], on trainset: [Example]) throws -> SIMBAResult<Program> {
        let last = winners.count - 1, count = numCandidates + 1
        var positions = last < 1 ? [0] : (0..<count).map { Int((Double($0 * last) / Double(count - 1)).rounded(.toNearestOrEven)) }
        positions = positions.enumerated().filter { !positions[..<$0.offset].contains($0.element) }.map(\.element)
        let programs = positions.map { winners[$0].deepcopy() }
        Presentation.presenter.log("VALIDATION: Evaluating \(programs.count) programs on the full trainset.")
        let outputs = try run(programs.flatMap { program in trainset.map { (program as Module, $0) } }).map(\.score.number)
        let scores = programs.indices.map { index in
            outputs[(index * trainset.count)..<((index + 1) * trainset.count)].reduce(0, +) / Double(trainset.count)
        }
        var trainScores = [Double?](repeating: nil, count: maxSteps)
        for (index, score) in scores.enumerated().dropFirst() { trainScores[index - 1] = score }
        let best = scores.max()!, bestIndex = scores.firstIndex(of: best)!
        Presentation.presenter.log("Final trainset scores: \(PythonFormat.list(scores)), Best: \(PythonFormat.repr(best)) "
                                   + "(at index \(bestIndex))\n\n\n")
        let ranked = zip(scores, programs).enumerated()
            .sorted { $0.element.0 != $1.element.0 ? $0.element.0 > $1.element.0 : $0.offset < $1.offset }
            .map { (score: $0.element.0, program: $0.element.1) }
        return SIMBAResult(program: programs[bestIndex].deepcopy(), candidates: ranked, trainScores: trainScores)
    }

    /// DSPy's `prepare_models_for_resampling`: `numCandidates` copies of the program's LM at temperature 1.0 with
    /// consecutive rollout ids from the LM's own, the first replaced by the teacher when there is one.
    private func resamplingModels(for program: Module) -> [any LanguageModel] {
        guard let lm = program.predictors().first?.lm ?? Settings.current.lm else { return [] }
        let first = (lm as? LM)?.kwargs["rollout_id"]?.intValue ?? 0
        var models: [any LanguageModel] = []
        if let teacherSettings {
            models.append(RolloutModel(base: teacherSettings.lm ?? lm, rolloutID: first, temperature: nil))
        }
        models += (models.count..<numCandidates).map { RolloutModel(base: lm, rolloutID: first + $0) }
        return models
    }

    /// Drops a Poisson-drawn number of demo positions from every predictor of `candidate`; returns how many.
    private func dropDemos(from candidate: Module, rng: inout PythonRandom, rngNumPy: inout NumPyGenerator) throws -> Int {
        let predictors = candidate.predictors()
        let demos = predictors.map(\.demos.count).max() ?? 0
        let limit = maxDemos > 0 ? maxDemos : 3
        let drawn = rngNumPy.poisson(Double(demos) / Double(limit))
        let count = min(max(drawn, demos >= limit ? 1 : 0), demos)
        let dropped = try Set((0..<count).map { _ in try rng.randrange(demos) })
        for predictor in predictors {
            predictor.demos = predictor.demos.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        }
        return count
    }

    /// Runs each (program, example) with DSPy's `wrap_program` on `numThreads` threads, with a "Processed" bar.
    private func run(_ pairs: [(Module, Example)]) throws -> [SIMBARun] {
        let total = pairs.count
        let progress = CountingProgress(total: total) { "Processed \($0) / \(total) examples" }
        let metric = self.metric
        let work = pairs.map { (SharedModule(module: $0.0), $0.1) }
        let results = try ParallelExecutor(numThreads: numThreads).run(work, onResult: { _, _ in progress.advance() }) { item in
            try SIMBARun(program: item.0.module, example: item.1, metric: metric)
        }
        progress.finish()
        return try results.map { try $0.get() }
    }

    /// `np.percentile(values, q)` with linear interpolation, as NumPy computes it.
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * (q / 100)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        let gamma = position - Double(lower)
        let a = sorted[lower], b = sorted[upper], difference = b - a
        // NumPy's `_lerp`: from the upper end when gamma ≥ 0.5.
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The runs grouped by example (every `batchSize`-th output), each best first, sorted as DSPy sorts buckets.
    static func buckets(_ outputs: [SIMBARun], batchSize: Int) -> [Bucket] {
        let buckets = (0..<batchSize).map { index in
            let runs = stride(from: index, to: outputs.count, by: batchSize).map { outputs[$0] }
            return Bucket(runs: Self.sortedByScore(runs))
        }
        return buckets.enumerated().sorted { first, second in
            let a = first.element.key, b = second.element.key
            if a != b { return a.0 != b.0 ? a.0 > b.0 : a.1 != b.1 ? a.1 > b.1 : a.2 > b.2 }
            return first.offset < second.offset
        }.map(\.element)
    }

    /// Best score first, ties in order (Python's stable `sort(reverse=True)`).
    private static func sortedByScore(_ runs: [SIMBARun]) -> [SIMBARun] {
        runs.enumerated().sorted {
            $0.element.score.number != $1.element.score.number ? $0.element.score.number > $1.element.score.number : $0.offset < $1.offset
        }.map(\.element)
    }

    /// One example's runs, best first, with the statistics buckets are sorted by.
    struct Bucket {
        var runs: [SIMBARun]
        var maxScore: Double { runs[0].score.number }
        var maxToMinGap: Double { maxScore - runs[runs.count - 1].score.number }
        var maxToAverageGap: Double { maxScore - runs.map(\.score.number).reduce(0, +) / Double(runs.count) }
        var key: (Double, Double, Double) { (maxToMinGap, maxScore, maxToAverageGap) }
    }

    /// The two ways to build a candidate, named as DSPy logs them.
    enum Strategy: String {
        case appendDemo = "append_a_demo_"
        case appendRule = "append_a_rule"
    }
}

/// The programs SIMBA has tried, by index (0 is the student), with their mini-batch scores.
private struct ProgramPool<Program: Module> {
    var programs: [Program]
    var scores: [[Double]] = [[]]

    mutating func register(_ program: Program, scores: [Double]) {
        programs.append(program)
        self.scores.append(scores)
    }

    /// The mean mini-batch score; 0.0 for a program without scores (the student).
    func averageScore(_ index: Int) -> Double {
        scores[index].isEmpty ? 0 : scores[index].reduce(0, +) / Double(scores[index].count)
    }

    /// DSPy's `top_k_plus_baseline`: the `k` best by average score (stable), the last replaced by the student
    /// when it is not among them, without repeats.
    func topPlusBaseline(_ k: Int) -> [Int] {
        var top = Array(programs.indices.sorted { averageScore($0) != averageScore($1) ? averageScore($0) > averageScore($1) : $0 < $1 }.prefix(k))
        if !top.contains(0), !top.isEmpty { top[top.count - 1] = 0 }
        return top.enumerated().filter { !top[..<$0.offset].contains($0.element) }.map(\.element)
    }

    /// DSPy's `softmax_sample`: `rng.choices` weighted by exp(score / temperature), normalized.
    func softmaxSample(_ rng: inout PythonRandom, _ indices: [Int], temperature: Double) throws -> Int {
        let exps = indices.map { exp(averageScore($0) / temperature) }
        let sum = exps.reduce(0, +)
        guard sum > 0 else { return try rng.choice(indices) }
        return indices[try rng.weightedIndex(exps.map { $0 / sum })]
    }
}
