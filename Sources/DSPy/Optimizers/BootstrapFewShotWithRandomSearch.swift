/// Tries several demo sets and keeps the program that scores best on the validation set — DSPy's
/// `BootstrapFewShotWithRandomSearch`, with its candidate schedule and log lines.
///
/// The candidates, by seed: −3 zero-shot; −2 labeled demos only; −1 bootstrapped from the trainset in order;
/// 0, 1, … bootstrapped from the trainset shuffled with `random.Random(seed)`, each with
/// `random.Random(seed).randint(1, maxBootstrappedDemos)` traces. DSPy builds and scores them one after the other;
/// here the zero-shot and labeled candidates are scored together first, then the others bootstrap together and are
/// scored together, on one pool of `numThreads` threads: the same candidates, scores and choice in a fraction of the
/// time. The output is DSPy's, candidate after candidate — bootstrap bar and line, evaluation bar, scores — with the
/// candidate whose turn it is shown live (see `SequencedPresentation`).
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

    /// With a metric function returning a number or a pass/fail, e.g. the notebook's `correctnessMetric`.
    public init<Score: MetricScore>(
        metric: @escaping @Sendable (Example, Prediction, Trace?) throws -> Score,
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
        let sequence = SequencedPresentation(parts: seeds.count, presenter: log)
        let evaluate = Evaluate(devset: valset, metric: metric, numThreads: threads, displayProgress: true,
                                maxErrors: effectiveMaxErrors)
        let report = RandomSearchReport<Program>(seeds: seeds, stopAtScore: stopAtScore, sequence: sequence,
                                                 summary: evaluate.summary)
        /// Scores the candidates at `positions` (in `seeds`), each reported as soon as its turn comes.
        func score(_ positions: [Int], _ programs: [Program]) throws {
            let candidates = programs.map(SharedProgram.init)
            _ = try evaluate.evaluate(programs, threads: threads, showProgress: true,
                                      presenters: positions.map(sequence.presenter(for:))) { index, result in
                report.record(position: positions[index], program: candidates[index], result: result)
            }
        }

        // The zero-shot and labeled-only candidates come first, as in DSPy.
        let fixed = seeds.indices.filter { seeds[$0] < -1 }
        try score(fixed, fixed.map { position in
            seeds[position] == -3 ? student.resetCopy()
                : try LabeledFewShot(k: maxLabeledDemos).compile(student, trainset: trainset, sample: labeledSample)
        })
        if !report.stopped {
            let bootstrapped = seeds.indices.filter { seeds[$0] >= -1 }
            var runs = try bootstrapped.map { position in
                try BootstrapRun(bootstrapOptions(seed: seeds[position], threads: threads, maxErrors: effectiveMaxErrors),
                                 student: student, teacher: teacher, trainset: shuffled(trainset, seed: seeds[position]),
                                 presenter: sequence.presenter(for: position))
            }
            try BootstrapRun.bootstrapAll(&runs, numThreads: threads)
            try score(bootstrapped, runs.map { try $0.train() })
        }

        guard let best = report.best else { throw OptimizerError.noCandidates("No candidate program was evaluated.") }
        // Swift's sort is not stable; DSPy's is, and ties keep seed order.
        best.candidatePrograms = report.candidates.enumerated()
            .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
            .map(\.element)
        log.log("\(report.candidates.count) candidate programs found.")
        return best
    }

    /// The trainset a bootstrapped candidate uses: as given for seed −1, else shuffled with `random.Random(seed)`.
    private func shuffled(_ trainset: [Example], seed: Int) -> [Example] {
        guard seed >= 0 else { return trainset }
        var shuffled = trainset
        var random = PythonRandom(seed: seed)
        random.shuffle(&shuffled)
        return shuffled
    }

    /// BootstrapFewShot's settings for a candidate: `maxBootstrappedDemos` traces for seed −1, else
    /// `random.Random(seed).randint(1, maxBootstrappedDemos)`.
    private func bootstrapOptions(seed: Int, threads: Int, maxErrors: Int) throws -> BootstrapFewShot {
        var sizer = PythonRandom(seed: seed)
        let size = seed >= 0 ? try sizer.randint(1, maxBootstrappedDemos) : maxBootstrappedDemos
        return BootstrapFewShot(
            metric: metric, metricThreshold: metricThreshold, teacherSettings: teacherSettings, maxBootstrappedDemos: size,
            maxLabeledDemos: maxLabeledDemos, maxRounds: maxRounds, maxErrors: maxErrors, numThreads: threads)
    }
}
