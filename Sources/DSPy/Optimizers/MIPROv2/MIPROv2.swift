import Foundation

/// Optimizes each predictor's instruction and demos together: bootstraps candidate demo sets, asks a prompt model
/// for instruction candidates grounded in the data and the program, then searches the combinations with Optuna's
/// Bayesian TPE on minibatches, fully evaluating the most promising — DSPy's `MIPROv2`, with the same prompts, the
/// same draws (Python's `random`, NumPy's `RandomState` inside the TPE) and the same choice of program.
///
/// ```swift
/// let mipro = try MIPROv2(metric: Metric(correctnessMetric), auto: .light)
/// let optimized = try mipro.compile(TextToSqlProgram(), trainset: trainset)
/// let run = try mipro.optimize(TextToSqlProgram(), trainset: trainset)   // trials, scores, candidates
/// ```
public struct MIPROv2: Sendable {
    /// DSPy's run modes: how many candidates (`n`) and at most how many validation examples.
    public enum Auto: String, Sendable, CaseIterable {
        case light, medium, heavy

        /// DSPy's `AUTO_RUN_SETTINGS`.
        public var settings: (candidates: Int, valsetSize: Int) {
            switch self {
            case .light: (6, 100)
            case .medium: (12, 300)
            case .heavy: (18, 1000)
            }
        }
    }

    public var metric: Metric
    /// Proposes instructions and summarizes the data; the configured LM when created, as in DSPy.
    public var promptModel: any LanguageModel
    /// Runs the program being optimized; the configured LM when created.
    public var taskModel: any LanguageModel
    public var teacherSettings: TeacherSettings
    public var maxBootstrappedDemos: Int
    public var maxLabeledDemos: Int
    public var auto: Auto?
    /// Instruction and demo-set candidates per predictor when `auto` is nil.
    public var numCandidates: Int?
    public var numThreads: Int?
    public var maxErrors: Int?
    public var seed: Int
    /// The temperature instructions are proposed at.
    public var initTemperature: Double
    public var metricThreshold: Double?

    /// - Throws: `OptimizerError.invalidSetting` when no LM is given nor configured (DSPy's message).
    public init(
        metric: Metric, promptModel: (any LanguageModel)? = nil, taskModel: (any LanguageModel)? = nil,
        teacherSettings: TeacherSettings = TeacherSettings(), maxBootstrappedDemos: Int = 4, maxLabeledDemos: Int = 4,
        auto: Auto? = .light, numCandidates: Int? = nil, numThreads: Int? = nil, maxErrors: Int? = nil, seed: Int = 9,
        initTemperature: Double = 1.0, metricThreshold: Double? = nil
    ) throws {
        guard let promptModel = promptModel ?? Settings.current.lm, let taskModel = taskModel ?? Settings.current.lm else {
            throw OptimizerError.invalidSetting(
                "Either provide both prompt_model and task_model or set a default LM through dspy.configure(lm=...)")
        }
        self.metric = metric
        self.promptModel = promptModel
        self.taskModel = taskModel
        self.teacherSettings = teacherSettings
        self.maxBootstrappedDemos = maxBootstrappedDemos
        self.maxLabeledDemos = maxLabeledDemos
        self.auto = auto
        self.numCandidates = numCandidates
        self.numThreads = numThreads
        self.maxErrors = maxErrors
        self.seed = seed
        self.initTemperature = initTemperature
        self.metricThreshold = metricThreshold
    }

    /// The settings of one `compile`, with DSPy's defaults.
    public struct Options: Sendable {
        /// Trials of the search; required when `auto` is nil, refused otherwise (as in DSPy).
        public var numTrials: Int?
        public var maxBootstrappedDemos: Int?
        public var maxLabeledDemos: Int?
        /// Overrides the optimizer's seed (0 counts as unset, as in DSPy).
        public var seed: Int?
        /// Whether trials score on minibatches (auto mode decides this from the valset size).
        public var minibatch = true
        public var minibatchSize = 35
        /// A full evaluation of the best-averaging minibatch candidate follows every this many trials.
        public var minibatchFullEvalSteps = 5
        public var programAwareProposer = true
        public var dataAwareProposer = true
        public var viewDataBatchSize = 10
        public var tipAwareProposer = true
        public var fewshotAwareProposer = true
        /// The program's code shown to the proposer; each predictor's signature when nil (DSPy shows the Python source).
        public var programCode: String?

        public init(numTrials: Int? = nil, seed: Int? = nil, programCode: String? = nil) {
            self.numTrials = numTrials
            self.seed = seed
            self.programCode = programCode
        }
    }

    /// The best program found; see `optimize` for the whole run.
    public func compile<Program: Module>(
        _ student: Program, trainset: [Example], valset: [Example]? = nil, teacher: Module? = nil,
        options: Options = Options()
    ) throws -> Program {
        try optimize(student, trainset: trainset, valset: valset, teacher: teacher, options: options).program
    }

    /// DSPy's `_set_num_trials_from_num_candidates`: `max(2·M·log2(N), 1.5·N)` with M the predictors (twice that
    /// with demos).
    static func numTrials(predictors: Int, zeroShot: Bool, candidates: Int) -> Int {
        let variables = Double(zeroShot ? predictors : predictors * 2)
        return Int(max(2 * variables * log2(Double(candidates)), 1.5 * Double(candidates)))
    }
}

/// What a MIPROv2 run found: the attributes DSPy sets on the program it returns.
public struct MIPROv2Result<Program: Module> {
    /// One evaluation of the search: on a minibatch, or on the whole valset.
    public struct Evaluation {
        /// DSPy's trial number (the default program's full evaluation is trial 1).
        public var trial: Int
        public var score: Double
        public var fullEvaluation: Bool
        /// Chosen index per parameter (`"0_predictor_instruction"`, `"0_predictor_demos"`, ...); empty for the default.
        public var params: [String: Int]
        public var program: Program
    }

    /// The best fully evaluated program.
    public var program: Program
    /// Its score on the valset.
    public var score: Double
    /// Every evaluation in the order run.
    public var evaluations: [Evaluation]
    /// Per predictor, the instruction candidates (the first is the original instruction).
    public var instructionCandidates: [[String]]
    /// Per predictor, the demo sets (nil in zero-shot runs).
    public var demoCandidates: [[[Example]]]?

    /// Full evaluations, best first (DSPy's `candidate_programs`; ties keep their order).
    public var candidatePrograms: [Evaluation] { ranked(evaluations.filter(\.fullEvaluation)) }
    /// Minibatch evaluations, best first (DSPy's `mb_candidate_programs`).
    public var minibatchCandidatePrograms: [Evaluation] { ranked(evaluations.filter { !$0.fullEvaluation }) }

    private func ranked(_ evaluations: [Evaluation]) -> [Evaluation] {
        evaluations.enumerated()
            .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
            .map(\.element)
    }
}

extension MIPROv2: Teleprompter {
    public func compile(student: Module, trainset: [Example], valset: [Example]?) throws -> Module {
        try compile(student, trainset: trainset, valset: valset)
    }
}
