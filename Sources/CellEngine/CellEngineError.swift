/// Why the cell engine could not do what it was asked, apart from errors in the user's code.
public enum CellEngineError: Error, CustomStringConvertible, Sendable {
    /// The compiler or the worker executable is missing.
    case toolchainNotFound(String)
    /// A file or directory of the session could not be written.
    case sessionStorage(path: String, reason: String)
    /// The worker process could not be started or stopped answering.
    case workerUnavailable(String)
    /// `%install` could not build the requested packages; the build's output says why.
    case packageInstall(String)
    /// The compiler failed on generated code (a bug of the engine), with its output.
    case internalCompilerFailure(output: String)

    public var description: String {
        switch self {
        case .toolchainNotFound(let reason): "Swift toolchain not found: \(reason)"
        case .sessionStorage(let path, let reason): "cannot write \(path): \(reason)"
        case .workerUnavailable(let reason): "the cell worker is unavailable: \(reason)"
        case .packageInstall(let output): "the packages could not be installed:\n\(output)"
        case .internalCompilerFailure(let output): "the cell compiled from generated code failed:\n\(output)"
        }
    }
}
