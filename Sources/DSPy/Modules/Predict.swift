import JSON
import Synchronization

/// The basic module: formats its signature, demos and inputs with the adapter, calls the LM, and parses the
/// outputs — DSPy's `dspy.Predict`.
///
/// ```swift
/// let predict = Predict(TextToSql)
/// let pred = try predict(sql_prompt: "...", sql_context: "...")
/// predict.demos = [example]            // what the optimizers set
/// ```
/// Its state (signature, demos, config, LM) is guarded by a lock, so one predictor can serve many threads.
public final class Predict: Module, @unchecked Sendable {
    // @unchecked: every mutable property lives in the `Mutex` below.
    private let state: Mutex<PredictState>

    /// A predictor for `signature`; `config` holds generation settings for every call (`temperature`, `n`, ...).
    public init(_ signature: Signature, config: [String: JSONValue] = [:]) {
        state = Mutex(PredictState(signature: signature, config: config))
        super.init()
    }

    /// A predictor for a signature written as a literal, `Predict("question -> answer")`; a malformed literal
    /// stops the program naming the problem. A signature in a `String` variable goes through the throwing form.
    public convenience init(_ signature: StaticString, instructions: String? = nil, config: [String: JSONValue] = [:]) {
        self.init(Signature(literal: signature, instructions: instructions, in: "Predict"), config: config)
    }

    /// A predictor for a string signature computed at run time, `try Predict(text)`.
    ///
    /// - Throws: `SignatureError` for a malformed signature.
    @_disfavoredOverload
    public convenience init(_ signature: String, instructions: String? = nil, config: [String: JSONValue] = [:]) throws {
        self.init(try Signature(signature, instructions: instructions), config: config)
    }

    /// A predictor with no fields, to be filled by `copyState(from:)` or `loadState(_:)`; `deepcopy()` uses it.
    public required init() {
        state = Mutex(PredictState(signature: Signature(fields: [], instructions: ""), config: [:]))
        super.init()
    }

    /// The signature; optimizers may change its instructions.
    public var signature: Signature {
        get { state.withLock { $0.signature } }
        set { state.withLock { $0.signature = newValue } }
    }

    /// The few-shot demos shown before each request.
    public var demos: [Example] {
        get { state.withLock { $0.demos } }
        set { state.withLock { $0.demos = newValue } }
    }

    /// Generation settings sent with every call; a call's own `config` overrides them.
    public var config: [String: JSONValue] {
        get { state.withLock { $0.config } }
        set { state.withLock { $0.config = newValue } }
    }

    /// This predictor's own LM; `nil` uses the LM in `Settings.current`.
    public var lm: (any LanguageModel)? {
        get { state.withLock { $0.lm } }
        set { state.withLock { $0.lm = newValue } }
    }

    /// Saved traces and training examples, kept for DSPy's save format.
    public var traces: [JSONValue] {
        get { state.withLock { $0.traces } }
        set { state.withLock { $0.traces = newValue } }
    }

    public var train: [JSONValue] {
        get { state.withLock { $0.train } }
        set { state.withLock { $0.train = newValue } }
    }

    /// Adds generation settings for every later call.
    public func updateConfig(_ values: [String: JSONValue]) {
        state.withLock { $0.config.merge(values) { _, new in new } }
    }

    /// Forgets demos, traces, training examples and the predictor's own LM.
    public func reset() {
        state.withLock { state in
            state.lm = nil
            state.traces = []
            state.train = []
            state.demos = []
        }
    }

    public override func copyState(from other: Module) {
        guard let other = other as? Predict, other !== self else { return }
        let copied = other.state.withLock { $0 }
        state.withLock { $0 = copied }
    }

    /// Calls the LM for `inputs`. An input named `config` that is not a signature field is taken as this call's
    /// generation settings, as in Python's `predict(question=..., config={...})`.
    public override func forward(_ inputs: Example) throws -> Prediction {
        var values = inputs.toDict()
        var callConfig: [String: JSONValue] = [:]
        if signature.field(named: "config") == nil, let config = values.removeValue(forKey: "config") {
            guard let object = config.objectValue else { throw PredictError.invalidConfig(config) }
            callConfig = object
        }
        return try call(values, config: callConfig)
    }

    /// Calls the LM with explicit inputs and per-call overrides.
    ///
    /// - Throws: `PredictError` for unknown or missing inputs or no LM; the adapter's and LM's errors.
    public func call(
        _ inputs: [String: JSONValue], config callConfig: [String: JSONValue] = [:], demos callDemos: [Example]? = nil,
        lm callLM: (any LanguageModel)? = nil
    ) throws -> Prediction {
        let snapshot = state.withLock { $0 }
        let settings = Settings.current
        let signature = snapshot.signature
        guard let lm = callLM ?? snapshot.lm ?? settings.lm else { throw PredictError.noLanguageModel }
        try Self.validate(inputs, against: signature)

        var config = snapshot.config.merging(callConfig) { _, new in new }
        // DSPy raises a low temperature when asking for several completions, so they differ; like Python it reads
        // the call's settings, then the LM's own (with `or`, so 0 counts as unset).
        let defaults = (lm as? LM)?.kwargs ?? [:]
        let temperature = Self.truthy(config["temperature"]) ?? Self.truthy(defaults["temperature"])
        let generations = Self.truthy(config["n"]) ?? Self.truthy(defaults["n"]) ?? Self.truthy(defaults["num_generations"])
        if (generations?.intValue ?? 1) > 1, (temperature?.doubleValue ?? 0) <= 0.15 {
            config["temperature"] = 0.7
        }

        let adapter = settings.adapter ?? ChatAdapter()
        let completions = try adapter(
            lm: lm, config: config, signature: signature, demos: callDemos ?? snapshot.demos, inputs: inputs)
        let prediction = Prediction(completions: completions, signature: signature)
        if let trace = settings.trace {
            let ordered = signature.inputFields.compactMap { field in inputs[field.name].map { (field.name, $0) } }
            trace.append(TraceEntry(predictor: self, inputs: Example(fields: ordered), prediction: prediction))
        }
        return prediction
    }

    /// The predictor's state in DSPy's save format: traces, train, demos, signature, lm (`dump_state`).
    ///
    /// The LM is the predictor's own (`LanguageModel.dumpState()`, without API keys), `null` when it has none.
    public override func dumpState() -> JSONValue {
        [
            "traces": .array(traces),
            "train": .array(train),
            "demos": .array(demos.map { .object($0.toDict()) }),
            "signature": signature.dumpState(),
            "lm": lm?.dumpState() ?? .null,
        ]
    }

    /// Restores demos, traces, train, the signature's instructions and field texts, and the predictor's own LM
    /// from `dumpState()` output or a DSPy JSON file, as DSPy's `load_state`.
    ///
    /// - Throws: `SignatureError.invalidState` when the state is malformed; `LMError` when its LM cannot be
    ///   restored.
    public override func loadState(_ state: JSONValue) throws {
        try loadState(state, allowUnsafeLMState: false)
    }

    /// `loadState(_:)`, keeping the saved LM's `api_base` when `allowUnsafeLMState` is set (only for trusted
    /// files: see `LM.init(state:allowUnsafeState:)`).
    public func loadState(_ state: JSONValue, allowUnsafeLMState: Bool) throws {
        guard let savedSignature = state["signature"] else { throw SignatureError.invalidState("no signature") }
        let restored = try signature.loadingState(savedSignature)
        if let demos = state["demos"], demos.arrayValue == nil { throw SignatureError.invalidState("'demos' is not a list") }
        let savedDemos = try (state["demos"]?.arrayValue ?? []).map { demo -> Example in
            guard let fields = demo.objectValue else { throw SignatureError.invalidState("a demo is not an object") }
            return Example(fields: restored.fields.compactMap { field in fields[field.name].map { (field.name, $0) } }
                + fields.keys.filter { restored.field(named: $0) == nil }.sorted().map { ($0, fields[$0]!) })
        }
        let savedLM = try state["lm"].flatMap { $0 == .null ? nil : try LM(state: $0, allowUnsafeState: allowUnsafeLMState) }
        signature = restored
        demos = savedDemos
        traces = state["traces"]?.arrayValue ?? []
        train = state["train"]?.arrayValue ?? []
        lm = savedLM
    }

    /// Python truthiness for a setting: `nil`, `null`, `0`, `false` and `""` count as unset.
    private static func truthy(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case nil, .null?, .int(0)?, .double(0)?, .bool(false)?, .string("")?: nil
        default: value
        }
    }

    private static func validate(_ inputs: [String: JSONValue], against signature: Signature) throws {
        let expected = signature.inputFields.map(\.name)
        for name in inputs.keys.sorted() where !expected.contains(name) {
            throw PredictError.unknownInputField(name, expected: expected)
        }
        for field in signature.inputFields where inputs[field.name] == nil && !field.type.allowsNone {
            throw PredictError.missingInputField(field.name, expected: expected)
        }
    }
}

/// The mutable state of a predictor, copied as a whole by `deepcopy()`.
struct PredictState: Sendable {
    var signature: Signature
    var config: [String: JSONValue]
    var demos: [Example] = []
    var lm: (any LanguageModel)?
    var traces: [JSONValue] = []
    var train: [JSONValue] = []
}

extension Predict: CustomStringConvertible {
    /// Python's form: `Predict(StringSignature(question -> answer ...))`, shortened to the fields.
    public var description: String { "Predict(\(signature.name)(\(signature.signature)))" }
}
