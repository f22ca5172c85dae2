import Foundation
import JSON

/// Builds the JSON bodies of successful answers.
enum CompletionResponse {
    struct Choice: Sendable {
        var text: String
        var finishReason: String
    }

    static func chat(id: String, model: String, choices: [Choice], usage: Usage) -> JSONValue {
        [
            "id": .string(id), "object": "chat.completion", "created": .int(now), "model": .string(model),
            "system_fingerprint": "swift-dspy",
            "choices": .array(choices.enumerated().map { index, choice in
                ["index": .int(index), "message": ["role": "assistant", "content": .string(choice.text)],
                 "finish_reason": .string(choice.finishReason), "logprobs": nil]
            }),
            "usage": usage.json,
        ]
    }

    static func text(id: String, model: String, choices: [Choice], usage: Usage) -> JSONValue {
        [
            "id": .string(id), "object": "text_completion", "created": .int(now), "model": .string(model),
            "system_fingerprint": "swift-dspy",
            "choices": .array(choices.enumerated().map { index, choice in
                ["index": .int(index), "text": .string(choice.text), "finish_reason": .string(choice.finishReason),
                 "logprobs": nil]
            }),
            "usage": usage.json,
        ]
    }

    static func models(_ models: [any ServedModel]) -> JSONValue {
        ["object": "list", "data": .array(models.map { model in
            ["id": .string(type(of: model).id), "object": "model", "created": .int(startTime), "owned_by": "swift-dspy",
             "description": .string(type(of: model).summary)]
        })]
    }

    private static var now: Int { Int(Date().timeIntervalSince1970) }
    private static let startTime = Int(Date().timeIntervalSince1970)
}

/// Token counts reported in `usage`.
struct Usage: Sendable {
    var promptTokens: Int
    var completionTokens: Int
    var json: JSONValue {
        ["prompt_tokens": .int(promptTokens), "completion_tokens": .int(completionTokens),
         "total_tokens": .int(promptTokens + completionTokens)]
    }
}
