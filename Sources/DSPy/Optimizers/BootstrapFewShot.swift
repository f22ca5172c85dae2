import JSON

/// Collects demos by running a teacher program on training examples and keeping the traces the metric accepts,
/// then fills the rest with labeled examples — DSPy's `BootstrapFewShot`, with the same choices for the same data.
///
/// The teacher runs on several training examples at once (up to `numThreads`), but their outcomes are taken in
/// trainset order and work stops as soon as enough traces are found, so the demos are those of DSPy's one-by-one loop.
public struct BootstrapFewShot: Sendable {
    public var metric: Metric?
    public var metricThreshold: Double?
    /// Generation settings the teacher runs with (DSPy's `teacher_settings`), e.g. a different LM.
    public var teacherSettings: TeacherSettings
    public var maxBootstrappedDemos: Int
    public var maxLabeledDemos: Int
    /// Attempts per training example; rounds after the first use a fresh rollout at temperature 1.0.
    public var maxRounds: Int
    /// Failures tolerated before stopping; DSPy's default (10) when nil.
    public var maxErrors: Int?
    /// Teacher runs in flight at once.
    public var numThreads: Int

    public init(
        metric: Metric? = nil, metricThreshold: Double? = nil, teacherSettings: TeacherSettings = TeacherSettings(),
        maxBootstrappedDemos: Int = 4, maxLabeledDemos: Int = 16, maxRounds: Int = 1, maxErrors: Int? = nil,
        numThreads: Int? = nil
    ) {
        self.metric = metric
        self.metricThreshold = metricThreshold
        self.teacherSettings = teacherSettings
        self.maxBootstrappedDemos = maxBootstrappedDemos
        self.maxLabeledDemos = maxLabeledDemos
        self.maxRounds = maxRounds
        self.maxErrors = maxErrors
        self.numThreads = max(1, numThreads ?? Settings.current.numThreads)
    }

    /// With a metric function returning a number or a pass/fail.
    public init<Score: MetricScore>(
        metric: @escaping @Sendable (Example, Prediction, Trace?) throws -> Score, metricThreshold: Double? = nil,
        teacherSettings: TeacherSettings = TeacherSettings(), maxBootstrappedDemos: Int = 4, maxLabeledDemos: Int = 16,
        maxRounds: Int = 1, maxErrors: Int? = nil, numThreads: Int? = nil
    ) {
        self.init(metric: Metric(metric), metricThreshold: metricThreshold, teacherSettings: teacherSettings,
                  maxBootstrappedDemos: maxBootstrappedDemos, maxLabeledDemos: maxLabeledDemos, maxRounds: maxRounds,
                  maxErrors: maxErrors, numThreads: numThreads)
    }

    /// Compiles `student`: bootstraps demos with `teacher` and returns a reset copy of the student holding them,
    /// marked `isCompiled`.
    ///
    /// The teacher is a copy of `teacher` (by default of the student); unless it `isCompiled`, it is reset and given
    /// `maxLabeledDemos` labeled demos, as in DSPy. Neither argument is changed.
    /// - Throws: `OptimizerError` when the student is compiled, student and teacher differ in structure or too many
    ///   runs fail; `Interrupted`.
    public func compile<Program: Module>(_ student: Program, teacher: Module? = nil, trainset: [Example]) throws -> Program {
        var runs = [try BootstrapRun(self, student: student, teacher: teacher, trainset: trainset)]
        try BootstrapRun.bootstrapAll(&runs, numThreads: numThreads)
        return try runs[0].train()
    }
}

/// Settings the teacher runs with, as DSPy's `teacher_settings` (`dspy.context(**teacher_settings)`).
public struct TeacherSettings: Sendable {
    /// The LM the teacher uses instead of the configured one.
    public var lm: (any LanguageModel)?

    public init(lm: (any LanguageModel)? = nil) {
        self.lm = lm
    }
}

/// Why an optimizer could not compile.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    case structureMismatch(String)
    case tooManyErrors(count: Int, example: Int, error: String)
    case emptyTrainset
    /// The student passed to BootstrapFewShot came out of it already.
    case compiledStudent
    case noCandidates(String)
    /// A program built by an optimizer's `compile` was used without it (e.g. made by `deepcopy()` of an empty one).
    case notCompiled(String)
    /// The optimizer takes no validation set (as in DSPy), so a non-empty one would be ignored.
    case valsetNotUsed(String)
    /// A setting outside its range, e.g. COPRO's `breadth` of 1.
    case invalidSetting(String)
    /// Asking the prompt model for instructions failed, e.g. its reply lacked `proposed_instruction`.
    case proposalFailed(predictor: String, depth: Int, error: String)
    /// Scoring one instruction candidate failed, e.g. the metric raised on too many examples.
    case candidateFailed(predictor: String, depth: Int, candidate: Int, of: Int, instruction: String, error: String)
    /// MIPROv2's proposer could not get instruction `candidate` (from 0) for the predictor at `predictor` (from 0).
    case instructionProposalFailed(predictor: Int, candidate: Int, error: String)

    public var description: String {
        switch self {
        case .structureMismatch(let why): "Student and teacher must have the same program structure: \(why)"
        case .tooManyErrors(let count, let example, let error):
            "Bootstrapping stopped after \(count) errors (maxErrors); the last, for trainset example \(example): \(error)"
        case .emptyTrainset: "The trainset is empty."
        case .compiledStudent: "Student must be uncompiled: pass a fresh program, not one BootstrapFewShot returned."
        case .noCandidates(let why): why
        case .notCompiled(let what): "This \(what) was never compiled; use the optimizer's compile."
        case .valsetNotUsed(let optimizer): "\(optimizer) takes no valset (it scores on the trainset); pass nil."
        case .invalidSetting(let why): why
        case .proposalFailed(let predictor, let depth, let error):
            "Proposing instructions for predictor '\(predictor)' at depth \(depth) failed: \(error)"
        case .candidateFailed(let predictor, let depth, let candidate, let count, let instruction, let error):
            "Evaluating prompt candidate #\(candidate)/\(count) for predictor '\(predictor)' at depth \(depth) "
                + "(instruction \(JSONValue.pythonStringRepr(instruction))) failed: \(error)"
        case .instructionProposalFailed(let predictor, let candidate, let error):
            "Proposing instruction candidate \(candidate) for predictor \(predictor) failed: \(error)"
        }
    }
}
