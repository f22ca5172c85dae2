import JSON

/// Runs a module up to `n` times with different rollout ids at temperature 1.0 and returns the prediction with
/// the highest reward, stopping early at `threshold` — DSPy's `dspy.BestOfN`.
public final class BestOfN: RewardedAttempts, @unchecked Sendable {
    public override func forward(_ inputs: Example) throws -> Prediction {
        let start = Attempts.firstRolloutID(of: module)
        return try Attempts.best(
            of: n, failCount: failCount, threshold: threshold, module: module, inputs: inputs,
            config: { ["rollout_id": .int(start + $0), "temperature": 1.0] }, reward: reward)
    }
}

/// What `BestOfN` and `Refine` are built from: the module to run, how many attempts, the reward and its threshold.
public class RewardedAttempts: Module, @unchecked Sendable {
    // @unchecked: stored properties are set in init (or copyState right after it) and only read afterwards.
    public private(set) var module: Module
    public private(set) var n: Int
    public private(set) var threshold: Double
    public private(set) var failCount: Int
    private(set) var reward: @Sendable (Example, Prediction) throws -> Double

    /// - Parameters:
    ///   - reward: scores an attempt from the inputs and its prediction.
    ///   - failCount: failed attempts tolerated before the error is thrown; `n` by default.
    public init(
        module: Module, n: Int, reward: @escaping @Sendable (Example, Prediction) throws -> Double, threshold: Double,
        failCount: Int? = nil
    ) {
        self.module = module
        self.n = n
        self.reward = reward
        self.threshold = threshold
        self.failCount = failCount ?? n
        super.init()
    }

    /// An empty wrapper, to be filled by `copyState(from:)`.
    public required init() {
        module = Module()
        n = 0
        threshold = 0
        failCount = 0
        reward = { _, _ in 0 }
        super.init()
    }

    public override func copyState(from other: Module) {
        guard let other = other as? RewardedAttempts else { return }
        module = other.module.deepcopy()
        n = other.n
        threshold = other.threshold
        failCount = other.failCount
        reward = other.reward
    }
}

/// The attempt loop shared by `BestOfN` and `Refine`.
enum Attempts {
    /// The LM's own `rollout_id` (0 when none): attempts use this and the following ids, as in DSPy.
    static func firstRolloutID(of module: Module) -> Int {
        let lm = module.predictors().first?.lm ?? Settings.current.lm
        return (lm as? LM)?.kwargs["rollout_id"]?.intValue ?? 0
    }

    static func best(
        of n: Int, failCount: Int, threshold: Double, module: Module, inputs: Example,
        config: (Int) -> [String: JSONValue], reward: (Example, Prediction) throws -> Double,
        afterAttempt: (Example, Prediction, Double) throws -> Void = { _, _, _ in }
    ) throws -> Prediction {
        var best: (prediction: Prediction, reward: Double, trace: [TraceEntry])?
        var failuresLeft = failCount
        for attempt in 0..<n {
            try Interruption.check()
            let copy = module.deepcopy()
            let attemptConfig = config(attempt)
            for predictor in copy.predictors() { predictor.updateConfig(attemptConfig) }
            let trace = TraceLog()
            do {
                let (prediction, score) = try context(trace: trace) {
                    let prediction = try copy(inputs)
                    return (prediction, try reward(inputs, prediction))
                }
                if best == nil || score > best!.reward { best = (prediction, score, trace.all) }
                if score >= threshold { break }
                try afterAttempt(inputs, prediction, score)
            } catch let error as Interrupted {
                throw error
            } catch {
                if failuresLeft <= 0 || attempt == n - 1 && best == nil { throw error }
                failuresLeft -= 1
            }
        }
        guard let best else { throw AttemptsError.noAttempts }
        if let outer = Settings.current.trace { best.trace.forEach(outer.append) }
        return best.prediction
    }
}

/// `BestOfN` or `Refine` asked for zero attempts.
public enum AttemptsError: Error, Equatable, CustomStringConvertible {
    case noAttempts

    public var description: String { "No attempt was made: N must be at least 1." }
}
