import JSON

/// A chat message as OpenAI-compatible servers take it: a role and content parts (text, images).
///
/// A message of one text part goes on the wire with its content as a string, any other as an array of parts, as
/// DSPy sends them.
public struct ChatMessage: Hashable, Sendable {
    /// One piece of a message's content.
    public enum Part: Hashable, Sendable {
        case text(String)
        /// An image by URL: `https://...` or a `data:` URL.
        case imageURL(String)
    }

    public var role: String
    public var parts: [Part]

    /// A message of the given parts.
    public init(role: String, parts: [Part]) {
        self.role = role
        self.parts = parts
    }

    /// A text message. In a user message, the values DSPy types such as `Image` wrote between custom-type markers
    /// become parts of their own, as DSPy expands them.
    public init(role: String, content: String) {
        self.init(role: role, parts: role == "user" ? CustomTypeMarkers.split(content) : [.text(content)])
    }

    /// The text of the message: its text parts, joined.
    public var content: String {
        parts.map { if case .text(let text) = $0 { text } else { "" } }.joined()
    }

    /// The message as the request body and DSPy's cache key hold it.
    public var json: JSONValue {
        if parts.count == 1, case .text(let text) = parts[0] { return ["role": .string(role), "content": .string(text)] }
        return ["role": .string(role), "content": .array(parts.map { part in
            switch part {
            case .text(let text): ["type": "text", "text": .string(text)]
            case .imageURL(let url): ["type": "image_url", "image_url": ["url": .string(url)]]
            }
        })]
    }
}

extension ChatMessage: Codable {
    /// Reads the wire form: `content` a string, or an array of `text` and `image_url` parts.
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let role = json["role"]?.stringValue else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a message needs a string 'role'"))
        }
        if let text = json["content"]?.stringValue {
            self.init(role: role, parts: [.text(text)])
        } else {
            self.init(role: role, parts: (json["content"]?.arrayValue ?? []).map { part in
                part["image_url"]?["url"]?.stringValue.map(Part.imageURL) ?? .text(part["text"]?.stringValue ?? "")
            })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
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

    /// The completions with the tool calls each reply carried (OpenAI `tool_calls`, for native function calling);
    /// by default `generate`'s texts without calls.
    func generateReplies(messages: [ChatMessage], config: [String: JSONValue]) throws -> [LMReply]

    /// The model as a saved program records it (DSPy's `lm.dump_state()`), without credentials.
    func dumpState() -> JSONValue

    /// What the model is known to accept; adapters ask only for what it does.
    var capabilities: ModelCapabilities { get }
}

/// One completion: its text and, when the model called tools natively, the reply's `tool_calls` as sent.
public struct LMReply: Hashable, Sendable {
    public var text: String
    public var toolCalls: JSONValue?

    public init(text: String, toolCalls: JSONValue? = nil) {
        self.text = text
        self.toolCalls = toolCalls
    }
}

extension LanguageModel {
    public func generateReplies(messages: [ChatMessage], config: [String: JSONValue]) throws -> [LMReply] {
        try generate(messages: messages, config: config).map { LMReply(text: $0) }
    }

    /// Nothing known, as for DSPy's custom LMs.
    public var capabilities: ModelCapabilities { .unknown }

    /// A model of a type DSPy cannot rebuild: its Swift type, as DSPy records a custom LM's class, and its name.
    /// Loading such a state fails naming the type, as DSPy refuses an untrusted custom class.
    public func dumpState() -> JSONValue {
        ["_dspy_lm_class": .string("swift:\(String(reflecting: type(of: self)))"), "model": .string(model)]
    }
}
