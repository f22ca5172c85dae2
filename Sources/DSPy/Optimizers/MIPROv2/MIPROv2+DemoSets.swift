extension MIPROv2 {
    /// DSPy's `create_n_fewshot_demo_sets`: per predictor, `count` demo sets — zero-shot, labeled only (when
    /// `maxLabeled` > 0), bootstrapped from the trainset in order, then bootstrapped from the trainset shuffled
    /// with the shared `rng`, each with `rng.randint(1, maxBootstrapped)` traces.
    func demoCandidates(
        student: Module, teacher: Module?, trainset: [Example], count: Int, maxBootstrapped: Int, maxLabeled: Int,
        maxErrors: Int, rng: inout PythonRandom
    ) throws -> [[[Example]]] {
        var candidates = Array(repeating: [[Example]](), count: student.predictors().count)
        func bootstrap(_ traces: Int, _ trainset: [Example]) throws -> Module {
            try BootstrapFewShot(
                metric: metric, metricThreshold: metricThreshold, teacherSettings: teacherSettings,
                maxBootstrappedDemos: traces, maxLabeledDemos: maxLabeled, maxRounds: 1, maxErrors: maxErrors,
                numThreads: numThreads
            ).compile(student, teacher: teacher, trainset: trainset)
        }
        for seed in -3..<(count - 3) {
            Presentation.presenter.log("Bootstrapping set \(seed + 4)/\(count)")
            let program: Module
            if seed == -3 {
                program = student.resetCopy()
            } else if seed == -2, maxLabeled > 0 {
                program = try LabeledFewShot(k: maxLabeled).compile(student, trainset: trainset, sample: true)
            } else if seed == -1 {
                program = try bootstrap(maxBootstrapped, trainset)
            } else {
                var shuffled = trainset
                rng.shuffle(&shuffled)
                program = try bootstrap(try rng.randint(1, maxBootstrapped), shuffled)
            }
            for (index, predictor) in program.predictors().enumerated() { candidates[index].append(predictor.demos) }
        }
        return candidates
    }
}
