/// What a model is known to accept beyond plain chat, as DSPy 3.4.1 decides it from its model catalog (it never
/// probes the server). Adapters read it: `JSONAdapter` asks for structured outputs only where it is known to work.
public struct ModelCapabilities: Sendable, Equatable {
    /// Tools (`tools`, `tool_choice`).
    public var functionCalling: Bool
    /// Structured outputs: `response_format` of type `json_schema`.
    public var responseSchema: Bool

    public init(functionCalling: Bool, responseSchema: Bool) {
        self.functionCalling = functionCalling
        self.responseSchema = responseSchema
    }

    /// Nothing known: DSPy then sends no `response_format` at all (a custom LM, a local model's own name).
    public static let unknown = ModelCapabilities(functionCalling: false, responseSchema: false)

    /// Whether `response_format` may be sent: DSPy lists it among the parameters of an OpenAI-dialect model
    /// known to support tools or structured outputs.
    public var acceptsResponseFormat: Bool { functionCalling || responseSchema }

    /// The catalog's entry for `"provider/model"` as DSPy 3.4.1 reads it for the `openai` provider (exact names,
    /// plus the family rules for Claude and Gemini names); other providers are `unknown`.
    public static func catalog(for model: String) -> ModelCapabilities {
        guard LM.provider(of: model) == "openai" else { return .unknown }
        let name = model.firstIndex(of: "/").map { String(model[model.index(after: $0)...]) } ?? model
        // The patterns are constants that the conformance tests exercise; one that failed to compile would match nothing.
        if familiesWithBoth.contains(where: { pattern in (try? Regex(pattern)).map { name.contains($0) } ?? false }) {
            return ModelCapabilities(functionCalling: true, responseSchema: true)
        }
        if openAIStructuredOutputModels.contains(name) {
            return ModelCapabilities(functionCalling: !structuredOutputOnlyModels.contains(name), responseSchema: true)
        }
        return ModelCapabilities(functionCalling: openAIFunctionCallingOnlyModels.contains(name), responseSchema: false)
    }
}
