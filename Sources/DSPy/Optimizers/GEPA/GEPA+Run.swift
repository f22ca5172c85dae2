import Foundation
import JSON

extension GEPA {
    /// Runs GEPA on a copy of `student`: the student scored on the valset (the trainset when nil or empty), then
    /// iterations until the metric-call budget is spent, with `random.Random(seed)` for the engine's draws and
    /// another for the adapter's, as DSPy does.
    ///
    /// A run or metric that fails scores `failureScore`; a reflective dataset that cannot be built or a reflection
    /// reply that cannot be read is logged and the iteration skipped, naming it.
    /// - Throws: `OptimizerError.emptyTrainset`; `OptimizerError.invalidSetting` for a student without predictors;
    ///   `Interrupted`; what an iteration throws (logged with its number first, as the engine does), e.g. a merge
    ///   whose common ancestors all score 0 (Python's `random.choices` with zero weights).
    public func optimize<Program: Module>(_ student: Program, trainset: [Example], valset: [Example]? = nil) throws -> GEPAResult<Program> {
        guard !trainset.isEmpty else { throw OptimizerError.emptyTrainset }
        let log = Presentation.presenter
        let names = student.namedPredictors().map(\.0)
        guard !names.isEmpty else {
            throw OptimizerError.invalidSetting("seed_candidate must contain at least one component text.")
        }
        let maxCalls = try budget.metricCalls(components: names.count, trainsetSize: trainset.count, valsetSize: valset?.count)
        let fullEvals = Double(maxCalls) / Double(trainset.count + (valset?.count ?? 0))
        log.log("Running GEPA for approx \(maxCalls) metric calls of the program. This amounts to "
                + String(format: "%.2f", fullEvals) + " full evals on the \(valset == nil ? "train" : "train+val") set.")
        if valset == nil { log.log(Self.noValsetWarning) }
        let valset = valset.flatMap { $0.isEmpty ? nil : $0 } ?? trainset
        log.log(valset.count > 35 ? "Using \(valset.count) examples for tracking Pareto scores. " + Self.largeValsetAdvice
                                  : "Using \(valset.count) examples for tracking Pareto scores.")

        // The engine's "GEPA Optimization" bar over metric calls, moved on at the top of each iteration.
        let bar = log.beginProgress(total: maxCalls), started = Date()
        var shown = 0
        let progress = { ProgressState(description: "GEPA Optimization", completed: shown, total: maxCalls,
                                       elapsed: Date().timeIntervalSince(started)) }
        bar.update(progress())
        defer { bar.finish(progress()) }
        var run = Run(gepa: self, student: student, trainset: trainset, valset: valset)
        try run.start()
        while run.state.totalCalls < maxCalls {
            shown = run.state.totalCalls
            bar.update(progress())
            do {
                try run.iterate()
            } catch let error as Interrupted {
                throw error
            } catch {
                log.log("Iteration \(run.state.iteration + 1): Exception during optimization: \(error)")
                throw error
            }
        }
        if run.state.iteration < 0 {
            log.log("GEPA ran no iteration: the budget of \(maxCalls) metric calls was spent on scoring the student on \(valset.count) examples.")
        }
        let state = run.state
        return GEPAResult(
            candidates: state.candidates.map { build(student, $0) }, parents: state.parents,
            valAggregateScores: state.averages, valSubscores: state.subscores,
            perValInstanceBestCandidates: state.frontPrograms.map(\.elements), discoveryEvalCounts: state.discoveryCalls,
            totalMetricCalls: state.totalCalls, numFullValEvals: state.fullEvals, seed: seed)
    }

    /// One run of the engine: its state, random generators and samplers.
    private struct Run<Program: Module> {
        let gepa: GEPA
        let student: Program
        let trainset: [Example]
        let valset: [Example]
        let names: [String]
        var state = GEPAState(seed: [], scores: [])
        /// The engine's `random.Random(seed)`, shared by the selector and the sampler; the adapter's own.
        var rng: PythonRandom
        var adapterRNG: PythonRandom
        var sampler: EpochShuffledBatchSampler
        var merge: GEPAMerge?
        var warnedMismatch = false
        let log = Presentation.presenter

        init(gepa: GEPA, student: Program, trainset: [Example], valset: [Example]) {
            self.gepa = gepa
            self.student = student
            self.trainset = trainset
            self.valset = valset
            names = student.namedPredictors().map(\.0)
            rng = PythonRandom(seed: gepa.seed)
            adapterRNG = PythonRandom(seed: gepa.seed)
            sampler = EpochShuffledBatchSampler(minibatchSize: gepa.reflectionMinibatchSize)
            merge = gepa.useMerge ? GEPAMerge(maxInvocations: gepa.maxMergeInvocations) : nil
        }

        /// Scores the student on the valset.
        mutating func start() throws {
            let seed = student.namedPredictors().map { $0.1.signature.instructions }
            let scores = try gepa.evaluate(gepa.build(student, seed), on: valset, traced: false).scores
            state = GEPAState(seed: seed, scores: scores)
            log.log("Iteration 0: Base program full valset score: \(PythonFormat.repr(state.averages[0])) "
                    + "over \(scores.count) / \(valset.count) examples")
        }

        /// One iteration: a merge when one is due, else a reflective mutation, kept when it beats its parent on the
        /// minibatch.
        mutating func iterate() throws {
            state.iteration += 1
            let iteration = state.iteration + 1
            if var merge {
                defer { self.merge = merge }
                if merge.due > 0, merge.lastIterationFoundNewProgram {
                    let proposal = try merge.propose(state, rng: &rng, iteration: iteration)
                    merge.lastIterationFoundNewProgram = false
                    if let proposal {
                        try tryMerge(proposal, iteration: iteration, merge: &merge)
                        return
                    }
                }
                merge.lastIterationFoundNewProgram = false
            }
            guard let proposal = try propose(iteration) else {
                log.log("Iteration \(iteration): Reflective mutation did not propose a new candidate")
                return
            }
            let before = proposal.before.reduce(0, +), after = proposal.after.reduce(0, +)
            guard after > before else {
                log.log("Iteration \(iteration): New subsample score \(PythonFormat.repr(after)) is not better than old score "
                        + "\(PythonFormat.repr(before)), skipping")
                return
            }
            log.log("Iteration \(iteration): Accepted candidate (subsample score \(PythonFormat.repr(before)) -> "
                    + "\(PythonFormat.repr(after))); running full eval.")
            let scores = try gepa.evaluate(gepa.build(student, proposal.candidate), on: valset, traced: true).scores
            add(proposal.candidate, parents: [proposal.parent], scores: scores, iteration: iteration)
            merge?.foundNewProgram()
        }

        /// Scores a merge on its validation subsample and keeps it when it does as well as the better parent there.
        private mutating func tryMerge(_ proposal: (candidate: [String], parents: [Int], ids: [Int]), iteration: Int, merge: inout GEPAMerge) throws {
            let program = gepa.build(student, proposal.candidate)
            let after = try gepa.evaluate(program, on: proposal.ids.map { valset[$0] }, traced: false).scores.reduce(0, +)
            state.totalCalls += proposal.ids.count
            let before = proposal.parents.map { parent in proposal.ids.map { state.subscores[parent][$0] }.reduce(0, +) }
            guard after >= before.max()! else {
                log.log("Iteration \(iteration): New program subsample score \(PythonFormat.repr(after)) is worse than both "
                        + "parents \(PythonFormat.list(before)), skipping merge")
                return
            }
            let scores = try gepa.evaluate(program, on: valset, traced: true).scores
            add(proposal.candidate, parents: proposal.parents, scores: scores, iteration: iteration)
            merge.due -= 1
            merge.tested += 1
        }

        /// A child and its parent's and its own minibatch scores — the reflective mutation proposer's
        /// `CandidateProposal` — or nil (logged) when the iteration proposes nothing.
        private mutating func propose(_ iteration: Int) throws -> (candidate: [String], parent: Int, before: [Double], after: [Double])? {
            let parent = switch gepa.candidateSelectionStrategy {
            case .pareto: try ParetoFront.select(state.frontPrograms, scores: state.averages, rng: &rng)
            case .currentBest: state.averages.indices.max { state.averages[$0] < state.averages[$1] }!
            }
            let ids = sampler.next(iteration: state.iteration, trainsetSize: trainset.count, rng: &rng)
            let minibatch = ids.map { trainset[$0] }
            let program = gepa.build(student, state.candidates[parent])
            let evaluation = try gepa.evaluate(program, on: minibatch, traced: true)
            state.totalCalls += minibatch.count
            log.log("Iteration \(iteration): Selected program \(parent) score: \(PythonFormat.repr(state.averages[parent]))")

            guard let trajectories = evaluation.trajectories, !trajectories.isEmpty else {
                log.log("Iteration \(iteration): No trajectories for parent \(parent). Skipping.")
                return nil
            }
            if gepa.skipPerfectScore, evaluation.scores.allSatisfy({ $0 >= gepa.perfectScore }) {
                log.log("Iteration \(iteration): All subsample scores perfect for parent \(parent). Skipping.")
                return nil
            }
            let predictor = state.takeNextPredictor(of: parent, predictors: names.count)
            let name = names[predictor], signature = program.namedPredictors()[predictor].1.signature
            let records: [JSONValue]
            do {
                records = try gepa.reflectiveDataset(for: name, signature: signature, trajectories: trajectories,
                                                     rng: &adapterRNG, warnedMismatch: &warnedMismatch)
                if records.isEmpty {
                    log.log("  No valid reflective examples found for \(name)")
                    throw ReflectionError.noExamples
                }
            } catch let error as Interrupted {
                throw error
            } catch {
                log.log("Iteration \(iteration): Exception building reflective dataset: \(error)")
                return nil
            }

            let current = state.candidates[parent][predictor]
            // The engine's `_propose_texts_batch_safe`: a failed reflection is tried once more, per task.
            var attempts = 0
            var instruction: String?
            while instruction == nil, attempts < 2 {
                attempts += 1
                do {
                    instruction = try gepa.proposeInstruction(for: name, current: current, signature: signature, records: records)
                } catch let error as Interrupted {
                    throw error
                } catch {
                    log.log(attempts == 1 ? "Batched reflection failed (\(error)); retrying per task."
                                          : "Per-task reflection failed: \(error)")
                }
            }
            guard let instruction else { return nil }
            log.log("Iteration \(iteration): Proposed new text for \(name): \(instruction)")
            var candidate = state.candidates[parent]
            candidate[predictor] = instruction
            let after = try gepa.evaluate(gepa.build(student, candidate), on: minibatch, traced: true).scores
            state.totalCalls += minibatch.count
            return (candidate, parent, evaluation.scores, after)
        }

        /// Adds a candidate scored on the valset and logs the front as the engine does.
        private mutating func add(_ candidate: [String], parents: [Int], scores: [Double], iteration: Int) {
            let discovered = state.totalCalls
            state.totalCalls += scores.count
            state.fullEvals += 1
            let index = state.add(candidate, parents: parents, scores: scores, discoveredAfter: discovered)
            let averages = state.averages, best = state.bestProgram
            let score = PythonFormat.repr(averages[index])
            let prefix = "Iteration \(iteration): "
            if index == best { log.log(prefix + "Found a better program on the valset with score \(score).") }
            let frontAverage = state.frontScores.reduce(0, +) / Double(state.frontScores.count)
            for line in [
                "Valset score for new program: \(score) (coverage \(scores.count) / \(valset.count))",
                "Val aggregate for new program: \(score)",
                "Individual valset scores for new program: \(GEPAState.repr(scores, PythonFormat.repr))",
                "New valset pareto front scores: \(GEPAState.repr(state.frontScores, PythonFormat.repr))",
                "Valset pareto front aggregate score: \(PythonFormat.repr(frontAverage))",
                "Updated valset pareto front programs: \(GEPAState.repr(state.frontPrograms, \.description))",
                "Best valset aggregate score so far: \(PythonFormat.repr(averages.max()!))",
                "Best program as per aggregate score on valset: \(best)",
                "Best score on valset: \(PythonFormat.repr(averages[best]))",
                "Linear pareto front program index: \(best)",
                "New program candidate index: \(index)",
            ] { log.log(prefix + line) }
        }
    }

    static let noValsetWarning = "No valset provided; Using trainset as valset. This is useful as an inference-time scaling strategy where you want GEPA to find the best solutions for the provided tasks in the trainset, as it makes GEPA overfit prompts to the provided trainset. In order to ensure generalization and perform well on unseen tasks, please provide separate trainset and valset. Provide the smallest valset that is just large enough to match the downstream task distribution, while keeping trainset as large as possible."
    static let largeValsetAdvice = "You can consider using a smaller sample of the valset to allow GEPA to explore more diverse solutions within the same budget. GEPA requires you to provide the smallest valset that is just large enough to match your downstream task distribution, while providing as large trainset as possible."
}
