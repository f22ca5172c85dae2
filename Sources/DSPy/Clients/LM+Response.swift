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
        return CachedCompletion(
            outputs: outputs, usage: decoded.usage?.mapValues(\.value) ?? [:], responseModel: decoded.model)
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
    let usage: [String: UsageValue]?
}

/// A usage value decoded integer-first: usage is almost all token counts, and trying the likely type first
/// avoids the thrown-and-caught type mismatches of a general JSON decode on every call.
private struct UsageValue: Decodable {
    let value: JSONValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = .int(number)
        } else if container.decodeNil() {
            value = .null
        } else if let number = try? container.decode(Double.self) {
            value = .double(number)
        } else if let object = try? container.decode([String: UsageValue].self) {
            value = .object(object.mapValues(\.value))
        } else {
            value = try container.decode(JSONValue.self)
        }
    }
}
