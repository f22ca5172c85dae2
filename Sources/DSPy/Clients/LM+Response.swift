import Foundation
import HTTPClient
import JSON

extension LM {
    /// Reads the completions, usage and served model out of a 2xx body.
    func parseCompletion(_ response: HTTPResponse) throws -> CachedCompletion {
        let decoded: CompletionBody
        do {
            decoded = try JSONDecoder().decode(CompletionBody.self, from: Data(response.body))
        } catch {
            let start = String(response.text.prefix(200))
            throw LMError(
                .malformedResponse, model: model,
                message: "the body is not an OpenAI completion (\(LM.describe(error))); it starts: \(start)",
                status: response.status, url: response.url)
        }
        let outputs = decoded.choices.map { $0.message?.content ?? $0.text ?? "" }
        return CachedCompletion(outputs: outputs, usage: decoded.usage ?? [:], responseModel: decoded.model)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "invalid JSON"
        default: String(describing: error)
        }
    }
}

/// The parts of an OpenAI chat or text completion body that DSPy reads.
private struct CompletionBody: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable { let content: String? }
        let message: Message?
        let text: String?
    }

    let model: String?
    let choices: [Choice]
    let usage: [String: JSONValue]?
}
