/// Tries several demo sets and keeps the program that scores best on the validation set — DSPy's
/// `BootstrapFewShotWithRandomSearch`, with its candidate schedule and log lines.
///
/// The candidates, by seed: −3 zero-shot; −2 labeled demos only; −1 bootstrapped from the trainset in order;
/// 0, 1, … bootstrapped from the trainset shuffled with `random.Random(seed)`, each with
/// `random.Random(seed).randint(1, maxBootstrappedDemos)` traces. DSPy builds and scores them one after the other;
/// here all candidates bootstrap together and are evaluated together on one pool of `numThreads` threads,
/// which gives the same candidates, the same scores and the same choice in a fraction of the time.
public struct BootstrapFewShotWithRandomSearch: Sendable {
    public var metric: Metric
    public var teacherSettings: TeacherSettings
    public var maxBootstrappedDemos: Int
    public var maxLabeledDemos: Int
    public var maxRounds: Int
    public var numCandidatePrograms: Int
    public var numThreads: Int?
    public var maxErrors: Int?
    public var stopAtScore: Double?
    public var metricThreshold: Double?

    public init(
        metric: Metric, teacherSettings: TeacherSettings = TeacherSettings(), maxBootstrappedDemos: Int = 4,
        maxLabeledDemos: Int = 16, maxRounds: Int = 1, numCandidatePrograms: Int = 16, numThreads: Int? = nil,
        maxErrors: Int? = nil, stopAtScore: Double? = nil, metricThreshold: Double? = nil
    ) {
        self.metric = metric
        self.teacherSettings = teacherSettings
        self.maxBootstrappedDemos = maxBootstrappedDemos
        self.maxLabeledDemos = maxLabeledDemos
        self.maxRounds = maxRounds
        self.numCandidatePrograms = numCandidatePrograms
        self.numThreads = numThreads
        self.maxErrors = maxErrors
        self.stopAtScore = stopAtScore
        self.metricThreshold = metricThreshold
    }

    /// With a numeric metric function, e.g. the notebook's `correctnessMetric`.
    public init(
        metric: @escaping @Sendable (Example, Prediction, Trace?) throws -> Double,
        teacherSettings: TeacherSettings = TeacherSettings(), maxBootstrappedDemos: Int = 4, maxLabeledDemos: Int = 16,
        maxRounds: Int = 1, numCandidatePrograms: Int = 16, numThreads: Int? = nil, maxErrors: Int? = nil,
        stopAtScore: Double? = nil, metricThreshold: Double? = nil
    ) {
        self.init(metric: Metric(metric), teacherSettings: teacherSettings, maxBootstrappedDemos: maxBootstrappedDemos,
                  maxLabeledDemos: maxLabeledDemos, maxRounds: maxRounds, numCandidatePrograms: numCandidatePrograms,
                  numThreads: numThreads, maxErrors: maxErrors, stopAtScore: stopAtScore, metricThreshold: metricThreshold)
    }

    /// With a pass/fail metric function.
    public init(
        metric: @escaping @Sendable (Example, Prediction, Trace?) throws -> Bool,
        teacherSettings: TeacherSettings = TeacherSettings(), maxBootstrappedDemos: Int = 4, maxLabeledDemos: Int = 16,
        maxRounds: Int = 1, numCandidatePrograms: Int = 16, numThreads: Int? = nil, maxErrors: Int? = nil,
        stopAtScore: Double? = nil, metricThreshold: Double? = nil
    ) {
        self.init(metric: Metric(metric), teacherSettings: teacherSettings, maxBootstrappedDemos: maxBootstrappedDemos,
                  maxLabeledDemos: maxLabeledDemos, maxRounds: maxRounds, numCandidatePrograms: numCandidatePrograms,
                  numThreads: numThreads, maxErrors: maxErrors, stopAtScore: stopAtScore, metricThreshold: metricThreshold)
    }

    /// Builds and scores the candidates and returns the best, whose `candidatePrograms` lists them all.
    /// - Parameters:
    ///   - valset: scores the candidates; the trainset when nil, as in DSPy.
    ///   - restrict: only these seeds (from −3 to `numCandidatePrograms − 1`).
    /// - Throws: `OptimizerError`, `EvaluateError`, `Interrupted`.
    public func compile<Program: Module>(
        _ student: Program, teacher: Module? = nil, trainset: [Example], valset: [Example]? = nil,
        restrict: Set<Int>? = nil, labeledSample: Bool = true
    ) throws -> Program {
        let log = Presentation.presenter
        log.log("Going to sample between 1 and \(maxBootstrappedDemos) traces per predictor.")
        log.log("Will attempt to bootstrap \(numCandidatePrograms) candidate sets.")
        let valset = (valset?.isEmpty ?? true) ? trainset : valset!
        var seeds = Array(-3..<numCandidatePrograms)
        if let restrict {
            seeds = seeds.filter(restrict.contains)
            guard !seeds.isEmpty else {
                throw OptimizerError.noCandidates(
                    "`restrict` \(restrict.sorted()) does not match any candidate seed in range(-3, \(numCandidatePrograms)); "
                        + "no candidate programs would be evaluated.")
            }
        }
        let threads = max(1, numThreads ?? Settings.current.numThreads)
        let effectiveMaxErrors = maxErrors ?? Evaluate.defaultMaxErrors

        // Build every candidate; the bootstrapped ones bootstrap together.
        var programs: [Int: Program] = [:]
        var runs: [BootstrapRun<Program>] = []
        var runSeeds: [Int] = []
        for seed in seeds {
            switch seed {
            case -3:
                programs[seed] = student.resetCopy()
            case -2:
                programs[seed] = try LabeledFewShot(k: maxLabeledDemos).compile(student, trainset: trainset, sample: labeledSample)
            default:
                var shuffled = trainset
                var size = maxBootstrappedDemos
                if seed >= 0 {
                    var random = PythonRandom(seed: seed)
                    random.shuffle(&shuffled)
                    var sizer = PythonRandom(seed: seed)
                    size = try sizer.randint(1, maxBootstrappedDemos)
                }
                let options = BootstrapFewShot(
                    metric: metric, metricThreshold: metricThreshold, teacherSettings: teacherSettings,
                    maxBootstrappedDemos: size, maxLabeledDemos: maxLabeledDemos, maxRounds: maxRounds,
                    maxErrors: effectiveMaxErrors, numThreads: threads)
                runs.append(try BootstrapRun(options, student: student, teacher: teacher, trainset: shuffled))
                runSeeds.append(seed)
            }
        }
        try BootstrapRun.bootstrapAll(&runs, numThreads: threads)
        var summaries: [Int: String] = [:]
        for (seed, run) in zip(runSeeds, runs) {
            programs[seed] = try run.train()
            summaries[seed] = run.summaryLine
        }

        // Score every candidate on one pool of threads, then report in DSPy's order.
        let evaluate = Evaluate(devset: valset, metric: metric, numThreads: threads, displayProgress: true,
                                maxErrors: effectiveMaxErrors)
        let results = try evaluate.evaluate(seeds.map { programs[$0]! }, threads: threads, showProgress: true)
        var scores: [Double] = []
        var candidates: [CandidateProgram] = []
        var best: Program?
        for (seed, result) in zip(seeds, results) {
            if let summary = summaries[seed] { log.log(summary) }
            log.log(evaluate.summary(result))
            let program = programs[seed]!
            if scores.isEmpty || result.score > scores.max()! {
                log.log("New best score: \(PythonFormat.repr(result.score)) for seed \(seed)")
                best = program
            }
            scores.append(result.score)
            log.log("Scores so far: \(PythonFormat.list(scores))")
            log.log("Best score so far: \(PythonFormat.repr(scores.max()!))")
            candidates.append(CandidateProgram(score: result.score, subscores: result.scores, seed: seed, program: program))
            if let stopAtScore, result.score >= stopAtScore {
                log.log("Stopping early because score \(PythonFormat.repr(result.score)) is >= stop_at_score \(PythonFormat.repr(stopAtScore))")
                break
            }
        }
        guard let best else { throw OptimizerError.noCandidates("No candidate program was evaluated.") }
        // Swift's sort is not stable; DSPy's is, and ties keep seed order.
        best.candidatePrograms = candidates.enumerated()
            .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
            .map(\.element)
        log.log("\(candidates.count) candidate programs found.")
        return best
    }
}
