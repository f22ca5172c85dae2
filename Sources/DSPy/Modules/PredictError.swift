import JSON

/// A predictor call that cannot be made as asked.
public enum PredictError: Error, Equatable, CustomStringConvertible {
    /// Neither the predictor nor the settings have an LM.
    case noLanguageModel
    /// An input that the signature does not have.
    case unknownInputField(String, expected: [String])
    /// A signature input that was not given.
    case missingInputField(String, expected: [String])
    /// A `config` argument that is not an object.
    case invalidConfig(JSONValue)

    public var description: String {
        switch self {
        case .noLanguageModel:
            "No LM is loaded. Please configure the LM using `configure(lm: LM(...))`, e.g. `configure(lm: LM(\"openai/gpt-4o-mini\"))`."
        case .unknownInputField(let name, let expected):
            "Input field '\(name)' is not in the signature; expected fields: \(expected.joined(separator: ", "))."
        case .missingInputField(let name, let expected):
            "Input field '\(name)' is missing; expected fields: \(expected.joined(separator: ", "))."
        case .invalidConfig(let value):
            "The `config` argument must be an object of generation settings, got \(value.pythonRepr)."
        }
    }
}
