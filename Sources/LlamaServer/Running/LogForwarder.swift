import Foundation

/// Copies llama-server's log file to stderr from a thread of its own.
///
/// llama-server writes to a file, never to a pipe, so a reader that stops reading our stderr can only stall
/// this thread, never the server.
final class LogForwarder: Sendable {
    private let file: URL
    private let stopped = Flag()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts copying `file` (from its beginning) to stderr.
    init(file: URL) {
        self.file = file
        Thread.detachNewThread { [self] in
            copyUntilStopped()
            finished.signal()
        }
    }

    /// Copies what is left and stops.
    func stop() {
        stopped.set()
        finished.wait()
    }

    private func copyUntilStopped() {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? handle.close() }
        while true {
            let wasStopped = stopped.isSet
            let chunk = handle.availableData
            if !chunk.isEmpty {
                FileHandle.standardError.write(chunk)
            } else if wasStopped {
                return
            } else {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}
