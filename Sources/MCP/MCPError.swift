/// What went wrong talking to an MCP server.
public enum MCPError: Error, Equatable, CustomStringConvertible {
    /// The server's command could not be started.
    case launchFailed(command: String, reason: String)
    /// The server exited (or closed its output): its exit status, and the end of its stderr.
    case serverExited(command: String, status: Int32?, stderr: String)
    /// No response within the time allowed.
    case timedOut(method: String, seconds: Double)
    /// A JSON-RPC error response.
    case errorResponse(code: Int, message: String)
    /// A tool's result marked as an error (`isError`), with its text, in DSPy's words.
    case toolFailed(String)
    /// A response that is not what the protocol says.
    case malformed(String)

    public var description: String {
        switch self {
        case .launchFailed(let command, let reason): "Cannot start the MCP server `\(command)`: \(reason)"
        case .serverExited(let command, let status, let stderr):
            "The MCP server `\(command)` exited" + (status.map { " with status \($0)" } ?? "")
                + (stderr.isEmpty ? "." : "; its last words on stderr:\n" + stderr.suffix(800))
        case .timedOut(let method, let seconds): "The MCP server did not answer \(method) within \(seconds) s."
        case .errorResponse(let code, let message): "MCP error \(code): \(message)"
        case .toolFailed(let content): "Failed to call a MCP tool: \(content)"
        case .malformed(let reason): "Malformed MCP response: \(reason)"
        }
    }
}
