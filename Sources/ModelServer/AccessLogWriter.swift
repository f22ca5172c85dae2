import Foundation
import Synchronization

/// Writes access-log lines to stderr on its own thread, so that a reader of stderr that is slow or stops
/// reading never holds up a response.
///
/// A write to a full pipe blocks; done from a request handler, it stalled every request once about 64 KiB of
/// log went unread. Here handlers only queue the line. Up to `capacity` lines wait; beyond that lines are
/// dropped and counted, and the count is written when the reader catches up.
final class AccessLogWriter: Sendable {
    /// The one writer of the process, started on first use.
    static let shared = AccessLogWriter()

    private struct Pending {
        var lines: [String] = []
        var dropped = 0
    }

    private let capacity: Int
    private let pending = Mutex(Pending())
    /// Held while a batch is taken and written, so batches reach stderr in order.
    private let writing = Mutex(())
    private let wake = DispatchSemaphore(value: 0)

    init(capacity: Int = 10_000) {
        self.capacity = capacity
        // The writer lives as long as the process.
        Thread.detachNewThread { [self] in
            while true {
                wake.wait()
                writeBatch()
            }
        }
    }

    /// Queues one line (ending in a newline); never blocks on stderr.
    func write(_ line: String) {
        let queued = pending.withLock { pending in
            guard pending.lines.count < capacity else {
                pending.dropped += 1
                return false
            }
            pending.lines.append(line)
            return true
        }
        if queued { wake.signal() }
    }

    /// Writes every queued line now, on the calling thread (before the process exits).
    func flush() { writeBatch() }

    private func writeBatch() {
        writing.withLock { _ in
            let batch = pending.withLock { pending in
                defer { pending = Pending() }
                return pending
            }
            var text = batch.lines.joined()
            if batch.dropped > 0 {
                text += "access log: \(batch.dropped) lines dropped because stderr was not read\n"
            }
            if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        }
    }
}
