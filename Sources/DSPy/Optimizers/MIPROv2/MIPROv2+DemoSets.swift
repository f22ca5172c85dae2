extension MIPROv2 {
    /// DSPy's `create_n_fewshot_demo_sets`: per predictor, `count` demo sets — zero-shot, labeled only (when
    /// `maxLabeled` > 0), bootstrapped from the trainset in order, then bootstrapped from the trainset shuffled
    /// with the shared `rng`, each with `rng.randint(1, maxBootstrapped)` traces.
    ///
    /// DSPy bootstraps the sets one after the other; since the draws do not depend on the model's answers, they
    /// are made first, in DSPy's order, and the sets bootstrap together on one pool of threads, sending exactly
    /// DSPy's requests (no speculative ones). Their output is shown set after set, as DSPy's.
    func demoCandidates(
        student: Module, teacher: Module?, trainset: [Example], count: Int, maxBootstrapped: Int, maxLabeled: Int,
        maxErrors: Int, rng: inout PythonRandom
    ) throws -> [[[Example]]] {
        let seeds = Array(-3..<(count - 3))
        let sequence = SequencedPresentation(parts: seeds.count, presenter: Presentation.presenter)
        let threads = max(1, numThreads ?? Settings.current.numThreads)
        var programs: [Int: Module] = [:]
        var runs: [BootstrapRun<Module>] = [], runPositions: [Int] = []
        for (position, seed) in seeds.enumerated() {
            let presenter = sequence.presenter(for: position)
            presenter.log("Bootstrapping set \(seed + 4)/\(count)")
            if seed == -3 {
                programs[position] = student.resetCopy()
            } else if seed == -2, maxLabeled > 0 {
                programs[position] = try LabeledFewShot(k: maxLabeled).compile(student, trainset: trainset, sample: true)
            } else {
                var examples = trainset, traces = maxBootstrapped
                if seed != -1 {
                    rng.shuffle(&examples)
                    traces = try rng.randint(1, maxBootstrapped)
                }
                let options = BootstrapFewShot(
                    metric: metric, metricThreshold: metricThreshold, teacherSettings: teacherSettings,
                    maxBootstrappedDemos: traces, maxLabeledDemos: maxLabeled, maxRounds: 1, maxErrors: maxErrors,
                    numThreads: threads)
                runs.append(try BootstrapRun(options, student: student, teacher: teacher, trainset: examples,
                                             presenter: presenter))
                runPositions.append(position)
                continue
            }
            sequence.close(position)
        }
        try BootstrapRun.bootstrapAll(&runs, numThreads: threads, speculate: false)
        for (run, position) in zip(runs, runPositions) {
            programs[position] = try run.train()
            sequence.close(position)
        }
        var candidates = Array(repeating: [[Example]](), count: student.predictors().count)
        for position in seeds.indices {
            for (index, predictor) in programs[position]!.predictors().enumerated() { candidates[index].append(predictor.demos) }
        }
        return candidates
    }
}
