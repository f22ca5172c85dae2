/// An Optuna study maximizing one value with `TPESampler(seed: seed, multivariate: true)` over categorical
/// parameters whose choices are `0..<count` — what MIPROv2 runs, with Optuna 5.0's defaults (10 random startup
/// trials, 24 expected-improvement candidates, `gamma(n) = min(⌈0.1·n⌉, 25)`, prior weight 1, constant liar),
/// drawing from NumPy's `RandomState` bit for bit, so that the same seed and values give the same suggestions.
///
/// ```swift
/// var study = TPEStudy(seed: 9)
/// study.addTrial(params: ["0_predictor_instruction": 0], choices: ["0_predictor_instruction": 3], value: 0.5)
/// let number = study.ask()
/// let instruction = study.suggest("0_predictor_instruction", choices: 3)
/// study.tell(0.7)
/// ```
public struct TPEStudy: Sendable {
    /// A trial's parameters (choice indices), their choice counts, and its value once told.
    public struct Trial: Sendable, Equatable {
        public let number: Int
        public var params: [String: Int]
        public var choices: [String: Int]
        public var value: Double?
    }

    public private(set) var trials: [Trial] = []
    /// The sampler's own generator (`TPESampler._rng`) and its random sampler's (`RandomSampler._rng`), both
    /// seeded with the seed.
    private var rng: NumPyRandomState
    private var startupRNG: NumPyRandomState
    private var relativeParams: [String: Int] = [:]
    /// The index of the running trial in `trials` (trials may be added while it runs).
    private var running: Int?
    private let startupTrials = 10
    private let candidates = 24

    public init(seed: UInt32) {
        rng = NumPyRandomState(seed: seed)
        startupRNG = NumPyRandomState(seed: seed)
    }

    /// `study.add_trial(create_trial(params:distributions:value:))`: a finished trial (also while one runs).
    public mutating func addTrial(params: [String: Int], choices: [String: Int], value: Double) {
        trials.append(Trial(number: trials.count, params: params, choices: choices, value: value))
    }

    /// Starts a trial (`study.ask()`) and returns its number; its parameters are sampled jointly here once the
    /// study has 10 finished trials.
    public mutating func ask() throws -> Int {
        let space = relativeSearchSpace()
        relativeParams = [:]
        if !space.isEmpty, finished.count >= startupTrials {
            relativeParams = try sample(space)
        }
        trials.append(Trial(number: trials.count, params: [:], choices: [:], value: nil))
        running = trials.count - 1
        return trials.count - 1
    }

    /// `trial.suggest_categorical(name, range(choices))` for the running trial: the jointly sampled value, else
    /// (a parameter outside that sample) the random sampler's during startup, then TPE on this parameter alone.
    public mutating func suggest(_ name: String, choices: Int) throws -> Int {
        guard let running else { preconditionFailure("suggest needs a running trial: call ask() first") }
        if let known = trials[running].params[name] { return known }
        let value: Int
        if choices == 1 {
            value = 0
        } else if let relative = relativeParams[name], relative < choices {
            value = relative
        } else if finished.count < startupTrials {
            // RandomSampler: a uniform draw per one-hot column, the first largest wins.
            let draws = (0..<choices).map { _ in startupRNG.uniform(0, 1) }
            value = draws.firstIndex(of: draws.max()!)!
        } else {
            value = try sample([(name, choices)])[name]!
        }
        trials[running].params[name] = value
        trials[running].choices[name] = choices
        return value
    }

    /// Finishes the running trial with its value (`study.tell`).
    public mutating func tell(_ value: Double) {
        guard let index = running else { preconditionFailure("tell needs a running trial: call ask() first") }
        trials[index].value = value
        running = nil
    }

    private var finished: [Trial] { trials.filter { $0.value != nil } }

    /// Optuna's `IntersectionSearchSpace`: the parameters every finished trial has with the same choices, by
    /// name, without single-choice ones.
    private func relativeSearchSpace() -> [(String, Int)] {
        var space: [String: Int]?
        for trial in finished {
            space = space.map { $0.filter { trial.choices[$0.key] == $0.value } } ?? trial.choices
        }
        return (space ?? [:]).filter { $0.value > 1 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `TPESampler._sample`: splits the finished trials into the best `gamma(n)` and the rest, fits an estimator
    /// to each, draws 24 candidates from the best's and keeps the first with the largest log-density ratio.
    private mutating func sample(_ space: [(String, Int)]) throws -> [String: Int] {
        let others = trials.filter { $0.value != nil }
        let below = Self.gamma(others.count)
        // Python's sort is stable with reverse=True: ties keep trial order.
        let ranked = others.enumerated().sorted {
            $0.element.value! != $1.element.value! ? $0.element.value! > $1.element.value! : $0.offset < $1.offset
        }.map(\.element)
        let best = ranked.prefix(below).sorted { $0.number < $1.number }
        let rest = ranked.dropFirst(below).sorted { $0.number < $1.number }
        let counts = space.map(\.1)
        func estimator(_ trials: [Trial]) -> CategoricalParzenEstimator {
            let observations = trials.compactMap { trial -> [Int]? in
                let values = space.map { trial.params[$0.0] }
                return values.contains(nil) ? nil : values.map { $0! }
            }
            return CategoricalParzenEstimator(observations: observations, choiceCounts: counts)
        }
        let good = estimator(best), bad = estimator(rest)
        let draws = try good.sample(&rng, size: candidates)
        let scores = zip(good.logPDF(draws), bad.logPDF(draws)).map { $0 - $1 }
        let chosen = draws[scores.firstIndex(of: scores.max()!)!]
        return Dictionary(uniqueKeysWithValues: zip(space.map(\.0), chosen))
    }

    /// Optuna's `default_gamma`: `min(ceil(0.1 * n), 25)`, with the product in floating point as Python computes it.
    static func gamma(_ n: Int) -> Int {
        min(Int((0.1 * Double(n)).rounded(.up)), 25)
    }
}
