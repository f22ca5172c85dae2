import DSPyTesting
import Testing
@testable import DSPy

/// Optuna 5.0's `TPESampler(seed=..., multivariate=True)` in the test venv and `TPEStudy` run the same scripted
/// study — a baseline trial added first, trials whose values come from a formula of their parameters (with many
/// ties), and a full-evaluation trial added every sixth trial, as MIPROv2 does — and must suggest the same
/// parameters trial after trial, through the random startup trials and the TPE ones.
@Suite struct TPEStudyTests {
    static let script = """
    import json, sys
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    seed, trials = int(sys.argv[1]), int(sys.argv[2])
    space = json.loads(sys.argv[3])
    dists = {name: optuna.distributions.CategoricalDistribution(range(n)) for name, n in space.items()}

    def value(params, number):
        return ((sum((i + 2) * v for i, v in enumerate(params.values())) + number // 4) % 5) / 4.0

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed, multivariate=True))
    study.add_trial(optuna.trial.create_trial(params={n: 0 for n in space}, distributions=dists, value=0.5))
    suggestions = []

    def objective(trial):
        params = {name: trial.suggest_categorical(name, range(n)) for name, n in space.items()}
        suggestions.append(list(params.values()))
        if (trial.number + 1) % 6 == 0:
            added = {n: (v + 1) % space[n] for n, v in params.items()}
            study.add_trial(optuna.trial.create_trial(params=added, distributions=dists, value=value(added, 0) / 2))
        return value(params, trial.number)

    study.optimize(objective, n_trials=trials)
    print(json.dumps(suggestions))
    """

    static func swiftSuggestions(seed: UInt32, trials: Int, space: [(String, Int)]) throws -> [[Int]] {
        func value(_ params: [Int], _ number: Int) -> Double {
            Double((params.enumerated().reduce(0) { $0 + ($1.offset + 2) * $1.element } + number / 4) % 5) / 4.0
        }
        let choices = Dictionary(uniqueKeysWithValues: space)
        var study = TPEStudy(seed: seed)
        study.addTrial(params: choices.mapValues { _ in 0 }, choices: choices, value: 0.5)
        var suggestions: [[Int]] = []
        for _ in 0..<trials {
            let number = try study.ask()
            let params = try space.map { try study.suggest($0.0, choices: $0.1) }
            suggestions.append(params)
            if (number + 1) % 6 == 0 {
                // Added while the trial runs, as MIPROv2's full evaluations are.
                let added = zip(space, params).map { ($1 + 1) % $0.1 }
                study.addTrial(params: Dictionary(uniqueKeysWithValues: zip(space.map(\.0), added)), choices: choices,
                               value: value(added, 0) / 2)
            }
            study.tell(value(params, number))
        }
        return suggestions
    }

    static let spaces: [[(String, Int)]] = [
        [("0_predictor_instruction", 3), ("0_predictor_demos", 6)],
        [("0_predictor_instruction", 6), ("0_predictor_demos", 1), ("1_predictor_instruction", 3), ("1_predictor_demos", 9)],
    ]

    @Test(arguments: [(UInt32(9), 0, 30), (0, 1, 40), (1234, 0, 25), (9, 1, 60)])
    func sameSuggestionsAsOptuna(seed: UInt32, spaceIndex: Int, trials: Int) throws {
        let space = Self.spaces[spaceIndex]
        let json = "{" + space.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
        let expected = try ReferencePython.json([[Int]].self, Self.script, arguments: [String(seed), String(trials), json])
        let actual = try Self.swiftSuggestions(seed: seed, trials: trials, space: space)
        #expect(actual.count == expected.count)
        for (index, (mine, theirs)) in zip(actual, expected).enumerated() {
            #expect(mine == theirs, "trial \(index + 1)")
        }
    }
}
