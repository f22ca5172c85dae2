import JSON

/// Compares several reasoning attempts (completions with `reasoning` and the answer) and writes a holistic
/// rationale and a final answer — DSPy's `dspy.MultiChainComparison`.
public final class MultiChainComparison: Module, @unchecked Sendable {
    // @unchecked: stored properties are set in init (or copyState right after it) and only read afterwards.
    public private(set) var m: Int
    public private(set) var lastKey: String
    /// The predictor over the extended signature (named `predict`, as in Python).
    public let predict: Predict

    /// - Parameters:
    ///   - m: how many attempts are compared.
    public init(_ signature: Signature, m: Int = 3, temperature: Double = 0.7, config: [String: JSONValue] = [:]) {
        self.m = m
        lastKey = signature.outputFields.last?.name ?? "answer"
        var extended = signature
        for index in 0..<m {
            let field = InputField(
                "reasoning_attempt_\(index + 1)", desc: "${reasoning attempt}", prefix: "Student Attempt #\(index + 1):")
            if extended.field(named: field.name) == nil { extended = extended.insertingNewInput(field, at: extended.inputFields.count) }
        }
        let rationale = OutputField(
            "rationale", desc: "${corrected reasoning}",
            prefix: "Accurate Reasoning: Thank you everyone. Let's now holistically")
        if extended.field(named: rationale.name) == nil { extended = extended.prependingNewField(rationale) }
        predict = Predict(extended, config: config.merging(["temperature": .double(temperature)]) { given, _ in given })
        super.init()
    }

    /// An empty comparison, to be filled by `copyState(from:)`.
    public required init() {
        m = 0
        lastKey = "answer"
        predict = Predict()
        super.init()
    }

    public override func copyState(from other: Module) {
        guard let other = other as? MultiChainComparison else { return }
        m = other.m
        lastKey = other.lastKey
        super.copyState(from: other)
    }

    /// Compares `completions` (each with `reasoning` or `rationale`, and the last output field) for `inputs`.
    ///
    /// - Throws: `MultiChainComparisonError.wrongAttemptCount` unless exactly `m` completions are given.
    public func callAsFunction(completions: [Prediction], _ inputs: Example) throws -> Prediction {
        guard completions.count == m else { throw MultiChainComparisonError.wrongAttemptCount(expected: m, got: completions.count) }
        var values = inputs.toDict()
        for (index, completion) in completions.enumerated() {
            let rationale = PythonText.strip(PythonText.splitLines((completion["rationale"] ?? completion["reasoning"] ?? .null).pythonStr).first ?? "")
            let answer = PythonText.strip(PythonText.splitLines((completion[lastKey] ?? .null).pythonStr).first ?? "")
            values["reasoning_attempt_\(index + 1)"] = .string("«I'm trying to \(rationale) I'm not sure but my prediction is \(answer)»")
        }
        return try predict.call(values)
    }

    /// Expects the attempts under the input `completions` (an array of objects).
    public override func forward(_ inputs: Example) throws -> Prediction {
        let attempts = (inputs["completions"]?.arrayValue ?? []).map { Prediction(fields: ($0.objectValue ?? [:]).sorted { $0.key < $1.key }) }
        return try self(completions: attempts, inputs.without("completions"))
    }
}

/// A `MultiChainComparison` given the wrong number of attempts.
public enum MultiChainComparisonError: Error, Equatable, CustomStringConvertible {
    case wrongAttemptCount(expected: Int, got: Int)

    public var description: String {
        switch self {
        case .wrongAttemptCount(let expected, let got):
            "The number of attempts (\(got)) doesn't match the expected number m (\(expected)). Set m=\(got) when creating MultiChainComparison."
        }
    }
}
