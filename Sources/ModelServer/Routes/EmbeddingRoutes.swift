import Foundation
import Hummingbird
import JSON
import OfflineModel

/// `POST /v1/embeddings` in OpenAI's shape, answered by the offline embedding model: `input` is a string or a list
/// of strings; `encoding_format` is `float` (the default) or `base64` (little-endian float32, which OpenAI's Python
/// client asks for).
struct EmbeddingRoutes: Sendable {
    let maxBodyBytes: Int
    let model = OfflineEmbeddingModel()

    func register(on router: Router<ServerContext>) {
        router.post("/v1/embeddings") { request, _ in try await embed(request) }
    }

    private func embed(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.jsonBody(upTo: maxBodyBytes)
        guard let name = body["model"]?.stringValue else { throw APIError.invalid("model", "model must be a string.") }
        guard name == OfflineEmbeddingModel.id else {
            throw APIError(status: .notFound, message: "The model '\(name)' does not exist; this server embeds with \(OfflineEmbeddingModel.id).",
                           parameter: "model", code: "model_not_found")
        }
        let inputs = try Self.inputs(body["input"])
        let base64: Bool
        switch body["encoding_format"] {
        case nil, .null?, "float"?: base64 = false
        case "base64"?: base64 = true
        default: throw APIError.invalid("encoding_format", "encoding_format must be \"float\" or \"base64\".")
        }
        let data: [JSONValue] = inputs.enumerated().map { index, text in
            let vector = model.embed(text)
            return ["object": "embedding", "index": .int(index),
                    "embedding": base64 ? .string(Self.base64(vector)) : .array(vector.map { .double(Double($0)) })]
        }
        let tokens = inputs.map(TokenCounter.count).reduce(0, +)
        return CompletionRoutes.json(["object": "list", "data": .array(data), "model": .string(name),
                                      "usage": ["prompt_tokens": .int(tokens), "total_tokens": .int(tokens)]])
    }

    static func inputs(_ input: JSONValue?) throws -> [String] {
        switch input {
        case .string(let text)?: return [text]
        case .array(let items)?:
            guard !items.isEmpty else { throw APIError.invalid("input", "input must not be an empty list.") }
            return try items.enumerated().map { index, item in
                guard let text = item.stringValue else {
                    throw APIError.invalid("input", "input[\(index)] must be a string (token arrays are not supported).")
                }
                return text
            }
        default: throw APIError.invalid("input", "input must be a string or a list of strings.")
        }
    }

    static func base64(_ vector: [Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        return Data(bytes).base64EncodedString()
    }
}
