/// Why `serve-llm` could not install or run llama.cpp's server. Every case names what it was about.
public enum LlamaServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A downloaded or assembled file does not have its pinned SHA-256: it is refused, never used.
    case digestMismatch(path: String, expected: String, actual: String, origin: String)
    /// A file has the wrong size before hashing (a truncated or padded download).
    case sizeMismatch(path: String, expected: Int, actual: Int, origin: String)
    /// A wheel lacks the member the catalog names.
    case missingMember(wheel: String, member: String)
    /// A tool this needs is not on PATH and could not be installed.
    case missingTool(name: String, hint: String)
    /// A step of an install (pip, tar, cmake, unzip) exited with a failure status.
    case stepFailed(step: String, status: Int32, logTail: String)
    /// The port asked for is already bound by another process.
    case portInUse(port: Int)
    /// llama-server exited before it answered its health check.
    case serverExited(status: Int32, log: String, logTail: String)
    /// llama-server did not become healthy in time.
    case serverNotReady(url: String, seconds: Double, log: String)
    /// A stop signal or the parent's exit ended an install step; what it left half-done is discarded.
    case interrupted(step: String)
    /// A file-system operation failed.
    case fileSystem(path: String, message: String)

    public var description: String {
        switch self {
        case let .digestMismatch(path, expected, actual, origin):
            "Refusing \(path) (from \(origin)): its SHA-256 is \(actual), but \(expected) is pinned. "
                + "The file is corrupt or not the pinned release; delete it to fetch it again."
        case let .sizeMismatch(path, expected, actual, origin):
            "Refusing \(path) (from \(origin)): it has \(actual) bytes, but the pinned file has \(expected). "
                + "Delete it to fetch it again."
        case let .missingMember(wheel, member): "The wheel \(wheel) has no member \(member)."
        case let .missingTool(name, hint): "\(name) is needed but not installed: \(hint)"
        case let .stepFailed(step, status, logTail):
            "\(step) failed with status \(status)." + (logTail.isEmpty ? "" : " Last output:\n\(logTail)")
        case let .portInUse(port): "Port \(port) on 127.0.0.1 is already in use; pick another with --port (0 = a free one)."
        case let .serverExited(status, log, logTail):
            "llama-server exited with status \(status) before it was ready (log: \(log)). Last lines:\n\(logTail)"
        case let .serverNotReady(url, seconds, log):
            "llama-server at \(url) did not become ready within \(Int(seconds)) s (log: \(log))."
        case let .interrupted(step): "Stopped during \(step); the next start begins that step again."
        case let .fileSystem(path, message): "\(path): \(message)"
        }
    }
}
