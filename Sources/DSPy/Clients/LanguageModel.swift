import JSON

/// A chat message as OpenAI-compatible servers take it.
public struct ChatMessage: Codable, Hashable, Sendable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// Anything that turns chat messages into completions: a served model (`LM`), or a scripted one in tests.
///
/// Adapters format a signature into messages, call `generate`, and parse each completion.
public protocol LanguageModel: Sendable {
    /// The model's name as DSPy shows it, e.g. `"openai/starling-lm-7b"`.
    var model: String { get }
    /// Returns the completions (one per `n`) for `messages`; `config` overrides the model's own generation
    /// settings for this call (e.g. `"temperature"`, `"n"`, `"rollout_id"`).
    func generate(messages: [ChatMessage], config: [String: JSONValue]) throws -> [String]

    /// The model as a saved program records it (DSPy's `lm.dump_state()`), without credentials.
    func dumpState() -> JSONValue

    /// What the model is known to accept; adapters ask only for what it does.
    var capabilities: ModelCapabilities { get }
}

extension LanguageModel {
    /// Nothing known, as for DSPy's custom LMs.
    public var capabilities: ModelCapabilities { .unknown }

    /// A model of a type DSPy cannot rebuild: its Swift type, as DSPy records a custom LM's class, and its name.
    /// Loading such a state fails naming the type, as DSPy refuses an untrusted custom class.
    public func dumpState() -> JSONValue {
        ["_dspy_lm_class": .string("swift:\(String(reflecting: type(of: self)))"), "model": .string(model)]
    }
}
