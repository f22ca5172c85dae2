import HTTPTypes
import Hummingbird
import JSON

/// An error answered with OpenAI's body shape: `{"error": {"message", "type", "param", "code"}}`.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// OpenAI's error type, e.g. `invalid_request_error`, `rate_limit_error`, `server_error`.
    public var type: String
    /// The request parameter at fault, when there is one.
    public var parameter: String?
    /// A machine-readable code, e.g. `model_not_found`.
    public var code: String?
    /// Extra response headers (e.g. Retry-After).
    public var headers: HTTPFields = [:]

    public init(status: HTTPResponse.Status, message: String, type: String = "invalid_request_error",
                parameter: String? = nil, code: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.parameter = parameter
        self.code = code
    }

    public var description: String { "\(status.code) \(type): \(message)" }

    /// A 400 for a request parameter that is missing or has the wrong shape.
    static func invalid(_ parameter: String, _ message: String) -> APIError {
        APIError(status: .badRequest, message: message, parameter: parameter, code: "invalid_value")
    }

    var body: JSONValue {
        ["error": [
            "message": .string(message), "type": .string(type),
            "param": parameter.map(JSONValue.string) ?? .null, "code": code.map(JSONValue.string) ?? .null,
        ]]
    }

    func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body.serialized())))
    }
}
