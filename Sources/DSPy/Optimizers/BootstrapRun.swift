/// One BootstrapFewShot compilation in progress: the teacher's outcomes, taken in trainset order exactly as
/// DSPy's sequential loop takes them, and the demos they give. Like DSPy's loop it shows a bar over the trainset
/// and a summary line.
struct BootstrapRun<Program: Module> {
    let options: BootstrapFewShot
    let student: Program
    let teacher: BootstrapTeacher
    let maxBootstraps: Int
    private let presenter: any Presenter
    private let progress: CountingProgress

    /// Outcomes computed so far (possibly ahead of the cursor), by trainset index.
    private var outcomes: [Int: BootstrapAttempt] = [:]
    /// The next trainset index DSPy's loop would look at.
    private var cursor = 0
    private var bootstrapped: Set<Int> = []
    private var attemptCount = 0
    private var errorCount = 0
    private var traces: [String: [Example]] = [:]
    private var lastIndex = 0
    private(set) var finished = false

    init(
        _ options: BootstrapFewShot, student: Program, teacher: Module?, trainset: [Example],
        presenter: any Presenter = Presentation.presenter
    ) throws {
        guard !trainset.isEmpty else { throw OptimizerError.emptyTrainset }
        guard !student.isCompiled else { throw OptimizerError.compiledStudent }
        self.options = options
        // As DSPy: the teacher is a copy of the given teacher, or of the student as it was given; unless it is
        // compiled, it is reset and given `maxLabeledDemos` labeled demos.
        var teacherProgram = teacher?.deepcopy() ?? student.deepcopy()
        let student = student.resetCopy()
        if options.maxLabeledDemos > 0 && !teacherProgram.isCompiled {
            teacherProgram = try LabeledFewShot(k: options.maxLabeledDemos).compile(teacherProgram, trainset: trainset)
        }
        let studentPredictors = student.namedPredictors()
        let teacherPredictors = teacherProgram.namedPredictors()
        guard studentPredictors.count == teacherPredictors.count else {
            throw OptimizerError.structureMismatch(
                "the student has \(studentPredictors.count) predictors, the teacher \(teacherPredictors.count)")
        }
        for ((name, predictor), (teacherName, teacherPredictor)) in zip(studentPredictors, teacherPredictors) {
            guard name == teacherName else { throw OptimizerError.structureMismatch("'\(name)' vs '\(teacherName)'") }
            guard predictor.signature == teacherPredictor.signature else {
                throw OptimizerError.structureMismatch("the signatures of '\(name)' differ")
            }
        }
        self.student = student
        self.teacher = BootstrapTeacher(
            teacher: SharedModule(module: teacherProgram), trainset: trainset, metric: options.metric, metricThreshold: options.metricThreshold,
            maxRounds: options.maxRounds, teacherLM: options.teacherSettings.lm)
        self.maxBootstraps = options.maxBootstrappedDemos
        self.presenter = presenter
        self.progress = CountingProgress(description: "", total: trainset.count, presenter: presenter)
        self.traces = Dictionary(uniqueKeysWithValues: studentPredictors.map { ($0.0, []) })
        try advance()
    }

    private var trainset: [Example] { teacher.trainset }

    /// Up to `limit` trainset indices whose outcomes the loop will need next, assuming every one succeeds — or,
    /// beyond what is needed, speculative ones after them. None when finished.
    func pendingIndices(needed: Bool, limit: Int) -> [Int] {
        guard !finished, limit > 0 else { return [] }
        let wanted = needed ? max(1, maxBootstraps - bootstrapped.count) : limit
        return Array((cursor..<trainset.count).lazy.filter { outcomes[$0] == nil }.prefix(min(wanted, limit)))
    }

    /// Records computed outcomes and moves the loop forward as far as they allow.
    mutating func record(_ attempts: [(Int, BootstrapAttempt)]) throws {
        for (index, attempt) in attempts { outcomes[index] = attempt }
        try advance()
    }

    /// DSPy's loop: stop once `maxBootstraps` examples succeeded; each round counts as an attempt; errors count
    /// toward `maxErrors`, after which compiling fails.
    private mutating func advance() throws {
        while !finished {
            if cursor >= trainset.count || bootstrapped.count >= maxBootstraps {
                lastIndex = min(cursor, trainset.count - 1)
                finished = true
                progress.finish()
                presenter.log(summaryLine)
                return
            }
            guard let attempt = outcomes[cursor] else { return }
            for round in attempt.rounds {
                attemptCount += 1
                switch round {
                case .success(let demos):
                    bootstrapped.insert(cursor)
                    for (name, demo) in demos { traces[name, default: []].append(demo) }
                case .rejected:
                    break
                case .failed(let error):
                    errorCount += 1
                    if errorCount >= options.maxErrors ?? Evaluate.defaultMaxErrors {
                        progress.finish()
                        throw OptimizerError.tooManyErrors(count: errorCount, example: cursor, error: error)
                    }
                    presenter.log(
                        "Failed to run or to evaluate example \(trainset[cursor]) with \(options.metric?.name ?? "no metric") due to \(error).")
                }
            }
            cursor += 1
            progress.advance()
        }
    }

    /// DSPy's summary line.
    private var summaryLine: String {
        "Bootstrapped \(bootstrapped.count) full traces after \(lastIndex) examples for up to \(options.maxRounds) rounds, "
            + "amounting to \(attemptCount) attempts."
    }

    /// The student with its demos: the bootstrapped traces first, then labeled examples sampled (seed 0) from
    /// the examples that were not bootstrapped, shuffled (seed 0).
    func train() throws -> Program {
        var validation = trainset.indices.filter { !bootstrapped.contains($0) }.map { trainset[$0] }
        var shuffler = PythonRandom(seed: 0)
        shuffler.shuffle(&validation)
        var random = PythonRandom(seed: 0)
        for (name, predictor) in student.namedPredictors() {
            let augmented = Array((traces[name] ?? []).prefix(options.maxBootstrappedDemos))
            let sampleSize = max(0, min(options.maxLabeledDemos - augmented.count, validation.count))
            predictor.demos = augmented + (try random.sample(validation, sampleSize))
        }
        student.isCompiled = true
        return student
    }
}

extension BootstrapRun {
    /// Runs the teacher for all `runs` together on one pool of `numThreads` threads, wave by wave: each wave
    /// computes, for every unfinished run, the outcomes its loop needs next (idle threads take speculative ones
    /// after them, unless `speculate` is false: then exactly DSPy's requests are sent), so no run waits on another
    /// and the demos are those of the sequential loop.
    static func bootstrapAll(_ runs: inout [BootstrapRun], numThreads: Int, speculate: Bool = true) throws {
        while runs.contains(where: { !$0.finished }) {
            var jobs: [(run: Int, index: Int)] = []
            for (position, run) in runs.enumerated() {
                jobs += run.pendingIndices(needed: true, limit: Int.max).map { (position, $0) }
            }
            // Fill idle threads with the next examples of the unfinished runs, round-robin.
            var extra = 1
            while speculate, jobs.count < numThreads {
                var added = false
                for (position, run) in runs.enumerated() where jobs.count < numThreads {
                    let taken = Set(jobs.filter { $0.run == position }.map(\.index))
                    let candidates = run.pendingIndices(needed: false, limit: taken.count + extra).filter { !taken.contains($0) }
                    if let next = candidates.first { jobs.append((position, next)); added = true }
                }
                if !added { break }
                extra += 1
            }
            let teachers = runs.map(\.teacher)
            let results = try ParallelExecutor(numThreads: numThreads, maxErrors: nil).run(jobs) { job in
                try teachers[job.run].attempt(job.index)
            }
            try Interruption.check()
            var byRun: [Int: [(Int, BootstrapAttempt)]] = [:]
            for (job, result) in zip(jobs, results) { byRun[job.run, default: []].append((job.index, try result.get())) }
            for (position, attempts) in byRun { try runs[position].record(attempts) }
        }
    }

}
