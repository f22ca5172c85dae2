import Foundation
import Hummingbird

/// Logs one line per request to stderr, through `AccessLogWriter`: client, method, path, status, bytes and time taken.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let client = context.remoteAddress?.ipAddress ?? "-"
        let line = "\(client) \(request.method) \(request.uri.path) \(response.status.code) "
            + "\(response.body.contentLength.map(String.init) ?? "-")B \(String(format: "%.1f", milliseconds))ms\n"
        AccessLogWriter.shared.write(line)
        return response
    }
}

/// Turns every error into an OpenAI-style JSON body, so clients always get `{"error": {...}}`.
struct ErrorBodyMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as any HTTPResponseError {
            let status = error.status
            let message = switch status {
            case .notFound: "Unknown route \(request.method) \(request.uri.path)."
            case .contentTooLarge: "The request body is larger than this server accepts."
            case .methodNotAllowed: "\(request.method) is not allowed on \(request.uri.path)."
            default: status.reasonPhrase
            }
            return APIError(status: status, message: message, type: status.code < 500 ? "invalid_request_error" : "server_error",
                            code: status == .notFound ? "not_found" : nil).response()
        } catch {
            return APIError(status: .internalServerError, message: "Internal error: \(error)", type: "server_error").response()
        }
    }
}
