extension MIPROv2 {
    /// Runs MIPROv2 on a copy of `student` (DSPy's `compile`): settles the trial budget, splits off a valset when
    /// none is given (the last 80% of the trainset), bootstraps demo sets with the task model, proposes instructions
    /// with the prompt model, then searches (`search`).
    /// - Throws: `OptimizerError.invalidSetting` with DSPy's message for conflicting `auto`/`numCandidates`/
    ///   `numTrials`, a trainset of one example without a valset, an empty valset, a minibatch larger than the valset
    ///   or a seed outside [0, 2³²); `.emptyTrainset`; `.instructionProposalFailed`; bootstrapping's errors;
    ///   `Interrupted`.
    public func optimize<Program: Module>(
        _ student: Program, trainset: [Example], valset: [Example]? = nil, teacher: Module? = nil,
        options: Options = Options()
    ) throws -> MIPROv2Result<Program> {
        let log = Presentation.presenter
        let effectiveMaxErrors = maxErrors ?? Evaluate.defaultMaxErrors
        let maxBootstrapped = options.maxBootstrappedDemos ?? maxBootstrappedDemos
        let maxLabeled = options.maxLabeledDemos ?? maxLabeledDemos
        let zeroShot = maxBootstrapped == 0 && maxLabeled == 0
        let predictorCount = student.predictors().count
        if auto == nil, let numCandidates, options.numTrials == nil {
            let advice = Self.numTrials(predictors: predictorCount, zeroShot: zeroShot, candidates: numCandidates)
            throw OptimizerError.invalidSetting(
                "If auto is None, num_trials must also be provided. Given num_candidates=\(numCandidates), we'd "
                    + "recommend setting num_trials to ~\(advice).")
        }
        if auto == nil, numCandidates == nil || options.numTrials == nil {
            throw OptimizerError.invalidSetting("If auto is None, num_candidates must also be provided.")
        }
        if auto != nil, numCandidates != nil || options.numTrials != nil {
            throw OptimizerError.invalidSetting(
                "If auto is not None, num_candidates and num_trials cannot be set, since they would be overridden by "
                    + "the auto settings. Please either set auto to None, or do not specify num_candidates and num_trials.")
        }
        // Python's `seed or self.seed`.
        let seed = options.seed.flatMap { $0 == 0 ? nil : $0 } ?? self.seed
        guard let samplerSeed = UInt32(exactly: seed) else {
            throw OptimizerError.invalidSetting("Seed must be between 0 and 2**32 - 1")
        }
        var rng = PythonRandom(seed: seed)
        let split = try Self.datasets(trainset: trainset, valset: valset)
        let trainset = split.0
        var valset = split.1

        var numTrials = options.numTrials ?? 0, minibatch = options.minibatch
        var instructionCount = numCandidates ?? 0, demoSetCount = numCandidates ?? 0
        if let auto {
            let (candidates, valsetSize) = auto.settings
            valset = try rng.sample(valset, min(valsetSize, valset.count))
            minibatch = valset.count > 50
            instructionCount = zeroShot ? candidates : Int(Double(candidates) * 0.5)
            demoSetCount = candidates
            numTrials = Self.numTrials(predictors: predictorCount, zeroShot: zeroShot, candidates: candidates)
            log.log("\nRUNNING WITH THE FOLLOWING \(auto.rawValue.uppercased()) AUTO RUN SETTINGS:\nnum_trials: \(numTrials)"
                    + "\nminibatch: \(minibatch ? "True" : "False")\nnum_fewshot_candidates: \(demoSetCount)"
                    + "\nnum_instruct_candidates: \(instructionCount)\nvalset size: \(valset.count)\n")
        }
        guard instructionCount >= 1 else { throw OptimizerError.invalidSetting("num_candidates must be at least 1") }
        if minibatch, options.minibatchSize > valset.count {
            throw OptimizerError.invalidSetting("Minibatch size cannot exceed the size of the valset. Valset size: \(valset.count).")
        }

        let program = student.deepcopy()
        log.log("\n==> STEP 1: BOOTSTRAP FEWSHOT EXAMPLES <==")
        log.log("Bootstrapping N=\(demoSetCount) sets of demonstrations...")
        var demoSets: [[[Example]]]? = try context(lm: taskModel) {
            try demoCandidates(student: program, teacher: teacher, trainset: trainset, count: demoSetCount,
                               maxBootstrapped: zeroShot ? 3 : maxBootstrapped, maxLabeled: zeroShot ? 0 : maxLabeled,
                               maxErrors: effectiveMaxErrors, rng: &rng)
        }

        log.log("\n==> STEP 2: PROPOSE INSTRUCTION CANDIDATES <==")
        let proposer = try GroundedProposer(
            promptModel: promptModel, program: program, programCode: options.programCode, trainset: trainset,
            viewDataBatchSize: options.viewDataBatchSize, programAware: options.programAwareProposer,
            useDatasetSummary: options.dataAwareProposer, useTaskDemos: options.fewshotAwareProposer,
            initTemperature: initTemperature)
        log.log("\nProposing N=\(instructionCount) instructions...\n")
        var instructions = try proposer.propose(program: program, demoCandidates: demoSets, n: instructionCount,
                                                tips: options.tipAwareProposer, rng: &rng)
        for (index, predictor) in program.predictors().enumerated() {
            instructions[index][0] = predictor.signature.instructions
            log.log("Proposed Instructions for Predictor \(index):\n")
            for (number, instruction) in instructions[index].enumerated() { log.log("\(number): \(instruction)\n") }
        }
        if zeroShot { demoSets = nil }

        let evaluate = Evaluate(devset: valset, metric: metric, numThreads: numThreads, displayProgress: true,
                                maxErrors: effectiveMaxErrors)
        var search = Search(program: program, instructions: instructions, demoSets: demoSets, valset: valset,
                            evaluate: evaluate, study: TPEStudy(seed: samplerSeed), rng: rng, options: options,
                            numTrials: numTrials, minibatch: minibatch)
        let (best, score) = try context(lm: taskModel) { try search.run() }
        return MIPROv2Result(program: best, score: score, evaluations: search.evaluations,
                             instructionCandidates: instructions, demoCandidates: demoSets)
    }

    /// DSPy's `_set_and_validate_datasets`.
    static func datasets(trainset: [Example], valset: [Example]?) throws -> ([Example], [Example]) {
        guard !trainset.isEmpty else { throw OptimizerError.emptyTrainset }
        if let valset {
            guard !valset.isEmpty else { throw OptimizerError.invalidSetting("Validation set must have at least 1 example.") }
            return (trainset, valset)
        }
        guard trainset.count >= 2 else {
            throw OptimizerError.invalidSetting("Trainset must have at least 2 examples if no valset specified.")
        }
        let size = min(1000, max(1, Int(Double(trainset.count) * 0.8)))
        let cutoff = trainset.count - size
        return (Array(trainset[..<cutoff]), Array(trainset[cutoff...]))
    }
}
