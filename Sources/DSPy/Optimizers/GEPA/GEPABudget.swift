import Foundation

/// How many metric calls a GEPA run may make, as DSPy 3.4.1's `GEPA` sets it: exactly one of `auto`,
/// `maxFullEvals` and `maxMetricCalls`.
public enum GEPABudget: Sendable, Equatable {
    /// A preset: `light`, `medium` or `heavy` (6, 12 or 18 candidates), turned into calls by `autoBudget`.
    case auto(Level)
    /// Full evaluations of the train (and val) set.
    case maxFullEvals(Int)
    /// Metric calls.
    case maxMetricCalls(Int)

    public enum Level: String, Sendable {
        case light, medium, heavy
        /// DSPy's `AUTO_RUN_SETTINGS[level]["n"]`.
        public var candidates: Int {
            switch self {
            case .light: 6
            case .medium: 12
            case .heavy: 18
            }
        }
    }

    /// Bad budget settings, with DSPy's messages.
    public enum BudgetError: Error, Equatable, CustomStringConvertible {
        /// Not exactly one of the three settings was given.
        case notExactlyOne(maxMetricCalls: Int?, maxFullEvals: Int?, auto: Level?)
        case negativeSize
        case noFullEvalSteps

        public var description: String {
            switch self {
            case .notExactlyOne(let calls, let evals, let auto):
                "Exactly one of max_metric_calls, max_full_evals, auto must be set. You set max_metric_calls="
                    + "\(calls.map(String.init) ?? "None"), max_full_evals=\(evals.map(String.init) ?? "None"), "
                    + "auto=\(auto?.rawValue ?? "None")."
            case .negativeSize: "num_trials, valset_size, and minibatch_size must be >= 0."
            case .noFullEvalSteps: "full_eval_steps must be >= 1."
            }
        }
    }

    /// The one budget among DSPy's three keyword arguments.
    /// - Throws: `BudgetError.notExactlyOne` when none or several are set.
    public init(maxMetricCalls: Int? = nil, maxFullEvals: Int? = nil, auto: Level? = nil) throws(BudgetError) {
        switch (maxMetricCalls, maxFullEvals, auto) {
        case (let calls?, nil, nil): self = .maxMetricCalls(calls)
        case (nil, let evals?, nil): self = .maxFullEvals(evals)
        case (nil, nil, let level?): self = .auto(level)
        default: throw .notExactlyOne(maxMetricCalls: maxMetricCalls, maxFullEvals: maxFullEvals, auto: auto)
        }
    }

    /// The metric calls for a program of `components` predictors (at least 1 counts), as `compile` computes them.
    public func metricCalls(components: Int, trainsetSize: Int, valsetSize: Int?) throws(BudgetError) -> Int {
        switch self {
        case .auto(let level):
            try Self.autoBudget(predictors: max(components, 1), candidates: level.candidates, valsetSize: valsetSize ?? trainsetSize)
        case .maxFullEvals(let evals): evals * (trainsetSize + (valsetSize ?? 0))
        case .maxMetricCalls(let calls): calls
        }
    }

    /// DSPy's `GEPA.auto_budget`: the initial full evaluation, 5 bootstrap trials per candidate, the minibatch
    /// evaluations of the trials, and the periodic full evaluations.
    public static func autoBudget(
        predictors: Int, candidates: Int, valsetSize: Int, minibatchSize: Int = 35, fullEvalSteps: Int = 5
    ) throws(BudgetError) -> Int {
        let trials = Int(max(2 * Double(predictors * 2) * log2(Double(candidates)), 1.5 * Double(candidates)))
        guard trials >= 0, valsetSize >= 0, minibatchSize >= 0 else { throw .negativeSize }
        guard fullEvalSteps >= 1 else { throw .noFullEvalSteps }
        var total = valsetSize + candidates * 5 + trials * minibatchSize
        guard trials > 0 else { return total }
        // Python's floor division; trials and steps are positive here.
        let periodicFulls = (trials + 1) / fullEvalSteps + 1
        total += (periodicFulls + (trials < fullEvalSteps ? 1 : 0)) * valsetSize
        return total
    }
}
