import JSON
import OfflineModel

/// The fields of a `/v1/chat/completions` or `/v1/completions` request this server reads, validated.
struct CompletionRequest: Sendable {
    enum Prompt: Sendable {
        case chat([PromptMessage])
        case text([String])
    }

    var model: String
    var prompt: Prompt
    var temperature: Double
    var n: Int
    var maxTokens: Int?
    var stop: [String]
    var seed: UInt64?
    var rolloutID: Int?

    /// Reads a chat request body.
    /// - Throws: `APIError` (400) naming the parameter that is missing or malformed.
    init(chat body: JSONValue) throws {
        try self.init(body, prompt: .chat(Self.messages(body["messages"])))
    }

    /// Reads a text-completion request body.
    /// - Throws: `APIError` (400) naming the parameter that is missing or malformed.
    init(text body: JSONValue) throws {
        switch body["prompt"] {
        case .string(let text)?: try self.init(body, prompt: .text([text]))
        case .array(let items)? where !items.isEmpty && items.allSatisfy({ $0.stringValue != nil }):
            try self.init(body, prompt: .text(items.compactMap(\.stringValue)))
        case nil, .null?: throw APIError.invalid("prompt", "'prompt' is required.")
        default: throw APIError.invalid("prompt", "'prompt' must be a string or a non-empty array of strings.")
        }
    }

    private init(_ body: JSONValue, prompt: Prompt) throws {
        guard body.objectValue != nil else { throw APIError.invalid("body", "The request body must be a JSON object.") }
        guard let model = body["model"]?.stringValue, !model.isEmpty else {
            throw APIError.invalid("model", "'model' is required and must be a string.")
        }
        if body["stream"]?.boolValue == true {
            throw APIError.invalid("stream", "Streaming is not supported by this server; send 'stream': false.")
        }
        self.model = model
        self.prompt = prompt
        // Absent means greedy: the offline system has no reason to sample unless asked (OpenAI would default to 1).
        temperature = try Self.number(body, "temperature", default: 0, range: 0...2)
        n = Int(try Self.number(body, "n", default: 1, range: 1...16))
        let tokens = body["max_completion_tokens"] ?? body["max_tokens"]
        if let tokens, tokens != .null {
            guard let value = tokens.intValue, value >= 1 else {
                throw APIError.invalid("max_tokens", "'max_tokens' must be a positive integer.")
            }
            maxTokens = value
        }
        switch body["stop"] {
        case nil, .null?: stop = []
        case .string(let value)?: stop = [value]
        case .array(let values)? where values.allSatisfy({ $0.stringValue != nil }) && values.count <= 4:
            stop = values.compactMap(\.stringValue)
        default: throw APIError.invalid("stop", "'stop' must be a string or an array of up to 4 strings.")
        }
        if let seed = body["seed"], seed != .null {
            guard let value = seed.intValue else { throw APIError.invalid("seed", "'seed' must be an integer.") }
            self.seed = UInt64(bitPattern: Int64(value))
        }
        rolloutID = body["rollout_id"]?.intValue
    }

    private static func number(_ body: JSONValue, _ name: String, default value: Double,
                               range: ClosedRange<Double>) throws -> Double {
        guard let field = body[name], field != .null else { return value }
        guard let number = field.doubleValue, range.contains(number) else {
            throw APIError.invalid(name, "'\(name)' must be a number between \(range.lowerBound) and \(range.upperBound).")
        }
        return number
    }

    private static func messages(_ value: JSONValue?) throws -> [PromptMessage] {
        guard let value, value != .null else { throw APIError.invalid("messages", "'messages' is required.") }
        guard let items = value.arrayValue, !items.isEmpty else {
            throw APIError.invalid("messages", "'messages' must be a non-empty array.")
        }
        return try items.enumerated().map { index, item in
            guard let role = item["role"]?.stringValue else {
                throw APIError.invalid("messages[\(index)].role", "messages[\(index)] needs a string 'role'.")
            }
            switch item["content"] {
            case .string(let text)?: return PromptMessage(role: role, content: text)
            case .array(let parts)?:
                // Content parts: only text parts carry meaning for a text-to-SQL system.
                let text = parts.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }
                return PromptMessage(role: role, content: text.joined(separator: "\n"))
            default:
                throw APIError.invalid("messages[\(index)].content", "messages[\(index)] needs 'content' (a string or content parts).")
            }
        }
    }
}
