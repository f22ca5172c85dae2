import Foundation
import Hummingbird
import JSON

extension Request {
    /// The body read (at most `maxBytes`) and parsed as JSON; a 400 in OpenAI's shape when it is not JSON.
    mutating func jsonBody(upTo maxBytes: Int) async throws -> JSONValue {
        let buffer = try await collectBody(upTo: maxBytes)
        do {
            return try JSONValue(parsing: Data(buffer.readableBytesView))
        } catch {
            throw APIError(status: .badRequest, message: "The request body is not valid JSON.", code: "invalid_json")
        }
    }
}
