/// Stochastic Introspective Mini-Batch Ascent — DSPy's `SIMBA`, with the same mini-batches, random draws, prompts
/// and choice of program.
///
/// Each step runs the pool's best programs several times on a mini-batch at temperature 1.0, picks the examples
/// whose runs varied most, and for each builds a new candidate from a softmax-sampled program: either a demo from
/// its best run (`append_a_demo`) or a rule the prompt model writes by contrasting its best and worst runs
/// (`append_a_rule`). The candidates are scored on the batch and join the pool; each step's best is kept, and
/// the best of those on the whole trainset is returned.
///
/// ```swift
/// let simba = try SIMBA(metric: Metric(exactMatch), bsize: 16, maxSteps: 4)
/// let optimized = try simba.compile(program, trainset: trainset, seed: 0)
/// ```
public struct SIMBA: Sendable {
    public var metric: Metric
    /// Examples per mini-batch; the trainset must hold at least this many.
    public let bsize: Int
    /// Runs per example per step, and new candidates per step (up to one more).
    public let numCandidates: Int
    /// Optimization steps.
    public let maxSteps: Int
    /// Demos a predictor holds before some are dropped; 0 leaves only the rule strategy.
    public let maxDemos: Int
    /// The LM that writes rules; the configured one when nil.
    public var promptModel: (any LanguageModel)?
    /// When set, the first of each example's runs uses this LM (the student's when nil) with its own
    /// rollout id, as DSPy's `teacher_settings={"lm": ...}`.
    public var teacherSettings: TeacherSettings?
    /// Characters kept of an input field in a new demo.
    public var demoInputFieldMaxlen: Int
    public var numThreads: Int?
    /// Softmax temperature over average scores when picking the program for each run.
    public var temperatureForSampling: Double
    /// Softmax temperature when picking the program a new candidate starts from.
    public var temperatureForCandidates: Double

    /// DSPy's `teacher_settings`: the LM for the first run of each example.
    public struct TeacherSettings: Sendable {
        public var lm: (any LanguageModel)?
        public init(lm: (any LanguageModel)? = nil) { self.lm = lm }
    }

    /// - Throws: `OptimizerError.invalidSetting` for `bsize` or `numCandidates` below 1 or a negative `maxSteps`
    ///   or `maxDemos` (DSPy fails later, on an empty batch or a division by zero).
    public init(
        metric: Metric, bsize: Int = 32, numCandidates: Int = 6, maxSteps: Int = 8, maxDemos: Int = 4,
        promptModel: (any LanguageModel)? = nil, teacherSettings: TeacherSettings? = nil,
        demoInputFieldMaxlen: Int = 100_000, numThreads: Int? = nil, temperatureForSampling: Double = 0.2,
        temperatureForCandidates: Double = 0.2
    ) throws {
        guard bsize >= 1 else { throw OptimizerError.invalidSetting("SIMBA's bsize must be at least 1, got \(bsize)") }
        guard numCandidates >= 1 else {
            throw OptimizerError.invalidSetting("SIMBA's numCandidates must be at least 1, got \(numCandidates)")
        }
        guard maxSteps >= 0, maxDemos >= 0 else {
            throw OptimizerError.invalidSetting("SIMBA's maxSteps and maxDemos cannot be negative, got \(maxSteps) and \(maxDemos)")
        }
        self.metric = metric
        self.bsize = bsize
        self.numCandidates = numCandidates
        self.maxSteps = maxSteps
        self.maxDemos = maxDemos
        self.promptModel = promptModel
        self.teacherSettings = teacherSettings
        self.demoInputFieldMaxlen = demoInputFieldMaxlen
        self.numThreads = numThreads
        self.temperatureForSampling = temperatureForSampling
        self.temperatureForCandidates = temperatureForCandidates
    }

    /// The best program found; see `optimize` for the whole run.
    public func compile<Program: Module>(_ student: Program, trainset: [Example], seed: Int = 0) throws -> Program {
        try optimize(student, trainset: trainset, seed: seed).program
    }
}

/// What a SIMBA run found: the attributes DSPy sets on the program it returns.
public struct SIMBAResult<Program: Module> {
    /// The program that scored best on the whole trainset.
    public var program: Program
    /// The step winners scored on the trainset, best first, ties in order (DSPy's `candidate_programs`).
    public var candidates: [(score: Double, program: Program)]
    /// Per step, the trainset score DSPy records in `trial_logs[step]["train_score"]`, if any: the score of the
    /// candidate at position step + 1 among those scored, as DSPy indexes it.
    public var trainScores: [Double?]
}

/// A program that can show the prompt model its code: SIMBA's rules prompt sends `inspect.getsource` of the
/// program's class in Python. Swift cannot read a type's source at run time, so a program conforms to show its
/// own; for any other program the prompt carries the type's name.
public protocol ProgramSource {
    /// The program's code as the prompt model should see it.
    static var sourceCode: String { get }
}

extension SIMBA: Teleprompter {
    /// `compile(_:trainset:seed:)` with seed 0.
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try rejectValset(valset)
        return try compile(student, trainset: trainset)
    }
}
