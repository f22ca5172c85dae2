/// Why an HTTP request produced no response. Every case names the URL.
///
/// HTTP error statuses (4xx, 5xx) are not errors at this layer: they come back as an `HTTPResponse`.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing accepted the connection (no server listening, or the host refused it).
    case connectionRefused(url: String, detail: String)
    /// The connection or the whole request took longer than allowed.
    case timedOut(url: String, seconds: Double)
    /// The caller's cancellation check asked the request to stop.
    case cancelled(url: String)
    /// Any other transport failure, with libcurl's code and message.
    case transport(url: String, code: Int, message: String)

    /// The URL of the failed request.
    public var url: String {
        switch self {
        case .connectionRefused(let url, _), .timedOut(let url, _), .cancelled(let url), .transport(let url, _, _): url
        }
    }

    public var description: String {
        switch self {
        case .connectionRefused(let url, let detail): "Could not connect to \(url): \(detail)"
        case .timedOut(let url, let seconds): "Request to \(url) timed out after \(seconds) s"
        case .cancelled(let url): "Request to \(url) was cancelled"
        case .transport(let url, let code, let message): "Request to \(url) failed (curl error \(code)): \(message)"
        }
    }
}
