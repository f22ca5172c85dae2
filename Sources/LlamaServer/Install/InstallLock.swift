import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file in the cache, so two `serve-llm` starts on a fresh cache (parallel tests)
/// download and build once: the second waits, then finds the result in place.
enum InstallLock {
    /// Runs `body` while holding the lock at `url`; the lock ends with the process if it dies.
    static func withLock<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LlamaServerError.fileSystem(path: url.path, message: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR, StopTrigger.process.hasFired {
                throw LlamaServerError.interrupted(step: "waiting for another serve-llm's install (\(url.lastPathComponent))")
            }
            guard errno == EINTR else {
                throw LlamaServerError.fileSystem(path: url.path, message: "flock: \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
