import JSON

/// Predict with a `reasoning` output field before the signature's outputs, so the model thinks step by step —
/// DSPy 3.x's `dspy.ChainOfThought`.
public final class ChainOfThought: Module, @unchecked Sendable {
    // @unchecked: its only stored property is an immutable reference to a lock-guarded `Predict`.
    /// The predictor over the extended signature (named `predict`, as in Python).
    public let predict: Predict

    /// A chain of thought over `signature`; `reasoning` is the output field prepended to it.
    public init(_ signature: Signature, reasoning: SignatureField = OutputField("reasoning"), config: [String: JSONValue] = [:]) {
        // A signature that already has the field keeps it as is.
        let extended = signature.field(named: reasoning.name) == nil ? signature.prependingNewField(reasoning) : signature
        predict = Predict(extended, config: config)
        super.init()
    }

    /// A chain of thought over a signature written as a literal, `ChainOfThought("question -> answer")`; a
    /// malformed literal stops the program naming the problem.
    public convenience init(_ signature: StaticString, instructions: String? = nil, config: [String: JSONValue] = [:]) {
        self.init(Signature(literal: signature, instructions: instructions, in: "ChainOfThought"), config: config)
    }

    /// A chain of thought over a string signature computed at run time.
    ///
    /// - Throws: `SignatureError` for a malformed signature.
    @_disfavoredOverload
    public convenience init(_ signature: String, instructions: String? = nil, config: [String: JSONValue] = [:]) throws {
        self.init(try Signature(signature, instructions: instructions), config: config)
    }

    /// An empty chain of thought, to be filled by `copyState(from:)`.
    public required init() {
        predict = Predict()
        super.init()
    }

    public override func forward(_ inputs: Example) throws -> Prediction {
        try predict(inputs)
    }
}
