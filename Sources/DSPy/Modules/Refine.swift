import JSON

/// Like `BestOfN`, but after each attempt below the threshold an LM writes advice for each predictor, which the
/// next attempt sees as a `hint_` input — DSPy's `dspy.Refine`.
public final class Refine: RewardedAttempts, @unchecked Sendable {
    // @unchecked: as RewardedAttempts'.
    /// How the reward is described to the feedback model (Python shows the reward function's source).
    public private(set) var rewardDescription: String = ""

    public init(
        module: Module, n: Int, reward: @escaping @Sendable (Example, Prediction) throws -> Double, threshold: Double,
        failCount: Int? = nil, rewardDescription: String = "a reward function scoring the program's outputs"
    ) {
        self.rewardDescription = rewardDescription
        super.init(module: module, n: n, reward: reward, threshold: threshold, failCount: failCount)
    }

    /// An empty wrapper, to be filled by `copyState(from:)`.
    public required init() { super.init() }

    public override func copyState(from other: Module) {
        super.copyState(from: other)
        if let other = other as? Refine { rewardDescription = other.rewardDescription }
    }

    /// The feedback signature DSPy uses (`OfferFeedback`).
    static let offerFeedback = Signature("""
        In the discussion, assign blame to each module that contributed to the final reward being below the threshold, if
        any. Then, prescribe concrete advice of how the module should act on its future input when we retry the process, if
        it were to receive the same or similar inputs. If a module is not to blame, the advice should be N/A.
        The module will not see its own history, so it needs to rely on entirely concrete and actionable advice from you
        to avoid the same mistake on the same or similar inputs.
        """, name: "OfferFeedback") {
        InputField("program_code", desc: "The code of the program that we are analyzing")
        InputField("modules_defn", desc: "The definition of each module in the program, including its I/O")
        InputField("program_inputs", desc: "The inputs to the program that we are analyzing")
        InputField("program_trajectory", desc: "The trajectory of the program's execution, showing each module's I/O")
        InputField("program_outputs", desc: "The outputs of the program that we are analyzing")
        InputField("reward_code", desc: "The code of the reward function that we are analyzing")
        InputField("target_threshold", desc: "The target threshold for the reward function", type: .float)
        InputField("reward_value", desc: "The reward value assigned to the program's outputs", type: .float)
        InputField("module_names", desc: "The names of the modules in the program, for which we seek advice", type: .list(.string))
        OutputField("discussion", desc: "Discussing blame of where each module went wrong, if it did")
        OutputField("advice", desc: "For each module, describe very concretely, in this order: the specific scenarios in which it has made mistakes in the past and what each mistake was, followed by what it should do differently in that kind ofscenario in the future. If the module is not to blame, write N/A.", type: .dict(key: .string, value: .string))
    }

    public override func forward(_ inputs: Example) throws -> Prediction {
        var advice: [String: JSONValue] = [:]
        let baseAdapter = Settings.current.adapter ?? ChatAdapter()
        var attempt = 0
        let start = Attempts.firstRolloutID(of: module)
        return try Attempts.best(
            of: n, failCount: failCount, threshold: threshold, module: HintedModule(module, advice: { advice }, adapter: baseAdapter),
            inputs: inputs, config: { index in attempt = index; return ["rollout_id": .int(start + index), "temperature": 1.0] },
            reward: reward
        ) { inputs, prediction, score in
            guard attempt < n - 1 else { return }
            let names = module.namedPredictors().map(\.0)
            let feedback = try Predict(Self.offerFeedback).call([
                "program_code": .string(String(describing: type(of: module))),
                "modules_defn": .string(names.joined(separator: "\n")),
                "program_inputs": .object(inputs.toDict()).pythonJSON(indent: 2).jsonValue,
                "program_trajectory": "[]",
                "program_outputs": .object(prediction.toDict()).pythonJSON(indent: 2).jsonValue,
                "reward_code": .string(rewardDescription),
                "target_threshold": .double(threshold),
                "reward_value": .double(score),
                "module_names": .array(names.map(JSONValue.string)),
            ])
            advice = feedback.advice.objectValue ?? [:]
        }
    }
}

/// Runs a module with an adapter that adds each predictor's advice as a `hint_` input.
private final class HintedModule: Module, @unchecked Sendable {
    // @unchecked: used only inside one `Refine.forward` call, on its thread; set in init or copyState.
    private var wrapped: Module?
    private var advice: () -> [String: JSONValue]
    private var adapter: (any Adapter)?

    init(_ module: Module, advice: @escaping () -> [String: JSONValue], adapter: any Adapter) {
        wrapped = module
        self.advice = advice
        self.adapter = adapter
        super.init()
    }

    required init() {
        wrapped = nil
        advice = { [:] }
        adapter = nil
        super.init()
    }

    override func copyState(from other: Module) {
        guard let other = other as? HintedModule else { return }
        wrapped = other.wrapped?.deepcopy()
        advice = other.advice
        adapter = other.adapter
    }

    override func forward(_ inputs: Example) throws -> Prediction {
        guard let wrapped, let adapter else { throw ModuleError.forwardNotImplemented("HintedModule") }
        let advice = advice()
        guard !advice.isEmpty else { return try wrapped(inputs) }
        let names = Dictionary(wrapped.namedPredictors().map { ($0.1.signature, $0.0) }, uniquingKeysWith: { first, _ in first })
        return try context(adapter: HintAdapter(base: adapter, advice: advice, names: names)) { try wrapped(inputs) }
    }
}

/// Adds the advice for the calling predictor (found by its signature) as a `hint_` input field.
private struct HintAdapter: Adapter {
    let base: any Adapter
    let advice: [String: JSONValue]
    let names: [Signature: String]

    var name: String { base.name }

    private func hinted(_ signature: Signature, _ inputs: [String: JSONValue]) -> (Signature, [String: JSONValue]) {
        var inputs = inputs
        inputs["hint_"] = names[signature].flatMap { advice[$0] } ?? "N/A"
        let field = InputField("hint_", desc: "A hint to the module from an earlier run")
        return (signature.field(named: "hint_") == nil ? signature.appendingNewField(field) : signature, inputs)
    }

    func format(_ signature: Signature, demos: [Example], inputs: [String: JSONValue]) -> [ChatMessage] {
        base.format(signature, demos: demos, inputs: inputs)
    }

    func parse(_ signature: Signature, completion: String) throws -> [String: JSONValue] {
        try base.parse(signature, completion: completion)
    }

    func callAsFunction(
        lm: any LanguageModel, config: [String: JSONValue], signature: Signature, demos: [Example], inputs: [String: JSONValue]
    ) throws -> [[String: JSONValue]] {
        let (signature, inputs) = hinted(signature, inputs)
        return try base(lm: lm, config: config, signature: signature, demos: demos, inputs: inputs)
    }
}

extension String {
    fileprivate var jsonValue: JSONValue { .string(self) }
}
