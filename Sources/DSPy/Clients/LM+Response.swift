import HTTPClient
import JSON

extension LM {
    /// Reads the completions, usage and served model out of a 2xx body.
    func parseCompletion(_ response: HTTPResponse) throws -> CachedCompletion {
        do {
            return try CompletionBody.read(JSONReader.parse(response.body))
        } catch {
            let start = String(response.text.prefix(200))
            throw LMError(
                .malformedResponse, model: model,
                message: "the body is not an OpenAI completion (\(error)); it starts: \(start)",
                status: response.status, url: response.url)
        }
    }
}

/// The parts of an OpenAI chat or text completion body that DSPy reads: each choice's message content (chat)
/// or text (completions), the token usage and the model that answered.
private enum CompletionBody {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ body: JSONValue) throws -> CachedCompletion {
        guard let body = body.objectValue else { throw Problem(description: "not an object") }
        guard let choices = body["choices"] else { throw Problem(description: "missing \"choices\"") }
        guard let choices = choices.arrayValue else { throw Problem(description: "wrong type at choices") }
        var toolCalls: [JSONValue] = []
        let outputs = try choices.enumerated().map { index, choice in
            guard let choice = choice.objectValue else { throw Problem(description: "wrong type at choices.\(index)") }
            let message = try optional(choice["message"], at: "choices.\(index).message", \.objectValue)
            let content = try optional(message?["content"], at: "choices.\(index).message.content", \.stringValue)
            let calls = try optional(message?["tool_calls"], at: "choices.\(index).message.tool_calls", \.arrayValue)
            toolCalls.append(calls.map(JSONValue.array) ?? .null)
            return try content ?? optional(choice["text"], at: "choices.\(index).text", \.stringValue) ?? ""
        }
        return CachedCompletion(
            outputs: outputs, usage: try optional(body["usage"], at: "usage", \.objectValue) ?? [:],
            responseModel: try optional(body["model"], at: "model", \.stringValue),
            toolCalls: toolCalls.contains { $0 != .null } ? toolCalls : nil)
    }

    /// A member that may be absent or null, and otherwise must have the type `cast` reads.
    private static func optional<Value>(
        _ value: JSONValue?, at path: @autoclosure () -> String, _ cast: (JSONValue) -> Value?
    ) throws -> Value? {
        guard let value, value != .null else { return nil }
        guard let cast = cast(value) else { throw Problem(description: "wrong type at \(path())") }
        return cast
    }
}
