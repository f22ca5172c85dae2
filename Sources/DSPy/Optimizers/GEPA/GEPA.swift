/// Genetic-Pareto reflective prompt evolution — DSPy's `GEPA`, run as DSPy 3.4.1 runs the `gepa` engine, with the
/// same minibatches, random draws, reflection prompts and choice of program.
///
/// Each iteration picks a parent program (from the per-example Pareto front of the validation scores, or the best
/// on average), runs it on a minibatch of the trainset, shows one predictor's inputs, outputs and the metric's
/// feedback to the reflection LM, which writes that predictor a new instruction. A child that scores better than
/// its parent on the minibatch is scored on the whole valset and joins the candidates. The candidate with the best
/// average validation score is returned.
///
/// ```swift
/// let gepa = try GEPA(metric: feedbackMetric, auto: .light, reflectionLM: LM("openai/gpt-4.1"))
/// let run = try gepa.optimize(program, trainset: trainset, valset: valset)
/// print(run.valAggregateScores, run.parents)      // each candidate's score and where it came from
/// ```
public struct GEPA: Sendable {
    public var metric: FeedbackMetric
    public let budget: GEPABudget
    /// Training examples the parent runs on (and the reflection LM reads) each iteration.
    public var reflectionMinibatchSize: Int
    public var candidateSelectionStrategy: CandidateSelection
    /// The LM that writes new instructions.
    public var reflectionLM: any LanguageModel
    /// Skip reflection when the parent scores `perfectScore` on every minibatch example.
    public var skipPerfectScore: Bool
    /// Also try merging two descendants of a common ancestor after an iteration found a new program.
    public var useMerge: Bool
    public var maxMergeInvocations: Int
    public var numThreads: Int?
    /// The score of an example whose run or metric failed.
    public var failureScore: Double
    public var perfectScore: Double
    /// Warn (once) when the metric's score for a predictor differs from its score for the program.
    public var warnOnScoreMismatch: Bool
    public var seed: Int

    /// How the parent of each iteration is chosen.
    public enum CandidateSelection: String, Sendable {
        /// Drawn among the programs on the per-example Pareto front, each as often as it stands on it.
        case pareto
        /// The best average validation score.
        case currentBest = "current_best"
    }

    /// Exactly one of `auto`, `maxFullEvals`, `maxMetricCalls` sets the budget.
    /// - Throws: `GEPABudget.BudgetError` when not exactly one is set; `OptimizerError.invalidSetting` for a
    ///   negative budget, a minibatch size below 1 or a negative `maxMergeInvocations`.
    public init(
        metric: FeedbackMetric, auto: GEPABudget.Level? = nil, maxFullEvals: Int? = nil, maxMetricCalls: Int? = nil,
        reflectionLM: any LanguageModel, candidateSelectionStrategy: CandidateSelection = .pareto,
        reflectionMinibatchSize: Int = 3, skipPerfectScore: Bool = true, useMerge: Bool = true, maxMergeInvocations: Int = 5,
        numThreads: Int? = nil, failureScore: Double = 0, perfectScore: Double = 1, warnOnScoreMismatch: Bool = true,
        seed: Int = 0
    ) throws {
        budget = try GEPABudget(maxMetricCalls: maxMetricCalls, maxFullEvals: maxFullEvals, auto: auto)
        guard (maxMetricCalls ?? 0) >= 0, (maxFullEvals ?? 0) >= 0 else {
            throw OptimizerError.invalidSetting("GEPA's budget cannot be negative, got \(maxMetricCalls ?? maxFullEvals ?? 0)")
        }
        guard reflectionMinibatchSize >= 1 else {
            throw OptimizerError.invalidSetting("GEPA's reflectionMinibatchSize must be at least 1, got \(reflectionMinibatchSize)")
        }
        guard maxMergeInvocations >= 0 else {
            throw OptimizerError.invalidSetting("GEPA's maxMergeInvocations cannot be negative, got \(maxMergeInvocations)")
        }
        self.metric = metric
        self.reflectionMinibatchSize = reflectionMinibatchSize
        self.candidateSelectionStrategy = candidateSelectionStrategy
        self.reflectionLM = reflectionLM
        self.skipPerfectScore = skipPerfectScore
        self.useMerge = useMerge
        self.maxMergeInvocations = maxMergeInvocations
        self.numThreads = numThreads
        self.failureScore = failureScore
        self.perfectScore = perfectScore
        self.warnOnScoreMismatch = warnOnScoreMismatch
        self.seed = seed
    }

    /// The best program found; see `optimize` for the whole run.
    public func compile<Program: Module>(_ student: Program, trainset: [Example], valset: [Example]? = nil) throws -> Program {
        try optimize(student, trainset: trainset, valset: valset).program
    }
}

/// What a GEPA run found — DSPy's `detailed_results` (`DspyGEPAResult`): every candidate with its lineage and
/// validation scores, in the order found (0 is the student).
public struct GEPAResult<Program: Module> {
    /// The candidate with the best average validation score (the first of equals).
    public var program: Program { candidates[bestIndex] }
    public var candidates: [Program]
    /// Per candidate, the candidates it came from (`[nil]` for the student; two for a merge).
    public var parents: [[Int?]]
    /// Per candidate, the average validation score.
    public var valAggregateScores: [Double]
    /// Per candidate, the score on each validation example.
    public var valSubscores: [[Double]]
    /// Per validation example, the candidates with its best score (in Python's set order).
    public var perValInstanceBestCandidates: [[Int]]
    /// Per candidate, the metric calls made before it was found.
    public var discoveryEvalCounts: [Int]
    public var totalMetricCalls: Int
    /// Full validation evaluations, the student's included.
    public var numFullValEvals: Int
    public var seed: Int

    /// DSPy's `best_idx`.
    public var bestIndex: Int { valAggregateScores.indices.max { valAggregateScores[$0] < valAggregateScores[$1] } ?? 0 }
}

extension GEPA: Teleprompter {
    /// `optimize(_:trainset:valset:)`'s best program.
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try compile(student, trainset: trainset, valset: valset)
    }
}
