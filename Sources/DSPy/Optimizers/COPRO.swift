import JSON

/// Rewrites each predictor's instruction and output prefix by asking a prompt model for candidates, scoring them on
/// the trainset, and asking again with the best attempts so far — DSPy's `COPRO`, with the same prompts, the same
/// schedule of evaluations and the same choice of program.
///
/// ```swift
/// let copro = try COPRO(metric: Metric(correctnessMetric), breadth: 10, depth: 3)
/// let optimized = try copro.compile(TextToSqlProgram(), trainset: trainset)
/// let report = try copro.optimize(TextToSqlProgram(), trainset: trainset)   // every candidate, scores, calls
/// ```
public struct COPRO: Sendable {
    /// The LM that proposes instructions; the configured one when nil.
    public var promptModel: (any LanguageModel)?
    public var metric: Metric
    /// New instructions asked for per predictor and iteration (the first batch has `breadth − 1` plus the original).
    public let breadth: Int
    /// Iterations of scoring and proposing.
    public let depth: Int
    /// The temperature the prompt model proposes at.
    public var initTemperature: Double
    /// Whether the result carries `resultsBest` and `resultsLatest`.
    public var trackStats: Bool

    /// - Throws: `OptimizerError.invalidSetting` when `breadth` ≤ 1 (as DSPy) or `depth` < 1 (DSPy fails later,
    ///   with no candidate to return).
    public init(
        promptModel: (any LanguageModel)? = nil, metric: Metric, breadth: Int = 10, depth: Int = 3,
        initTemperature: Double = 1.4, trackStats: Bool = false
    ) throws {
        guard breadth > 1 else { throw OptimizerError.invalidSetting("Breadth must be greater than 1") }
        guard depth >= 1 else { throw OptimizerError.invalidSetting("COPRO's depth must be at least 1, got \(depth)") }
        self.promptModel = promptModel
        self.metric = metric
        self.breadth = breadth
        self.depth = depth
        self.initTemperature = initTemperature
        self.trackStats = trackStats
    }

    /// The best program found; see `optimize` for the whole run.
    public func compile<Program: Module>(
        _ student: Program, trainset: [Example], numThreads: Int? = nil, displayProgress: Bool = false,
        maxErrors: Int? = nil
    ) throws -> Program {
        try optimize(student, trainset: trainset, numThreads: numThreads, displayProgress: displayProgress,
                     maxErrors: maxErrors).program
    }
}

/// What a COPRO run found: the attributes DSPy sets on the program it returns.
public struct COPROResult<Program: Module> {
    /// The best candidate's program.
    public var program: Program
    /// Every distinct candidate, best first (DSPy's `candidate_programs`).
    public var candidates: [COPROCandidate<Program>]
    /// How many times a candidate was evaluated on the trainset.
    public var totalCalls: Int
    /// By predictor name: statistics of the ten best scores so far, per iteration (only with `trackStats`).
    public var resultsBest: [String: COPROStats]?
    /// By predictor name: statistics of the newest candidates' scores, per iteration (only with `trackStats`).
    public var resultsLatest: [String: COPROStats]?
}

extension COPRO: Teleprompter {
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try rejectValset(valset)
        return try compile(student, trainset: trainset)
    }
}
