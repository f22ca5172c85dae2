import CZeroMQ
import Foundation
import Synchronization

/// A libzmq context: the I/O threads every socket of a process shares.
///
/// Marked `@unchecked Sendable` because libzmq documents contexts as thread safe: sockets may be created from
/// any thread, and the pointer itself is never mutated after creation (termination is guarded by an atomic).
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let terminated = Atomic<Bool>(false)

    /// Creates a context with libzmq's defaults (one I/O thread).
    public init() throws {
        guard let handle = zmq_ctx_new() else { throw ZeroMQError(operation: "zmq_ctx_new") }
        self.handle = handle
    }

    /// Waits until every message queued on the context's (closed) sockets is delivered or its socket's linger
    /// time runs out, then releases the context. Call it after closing every socket, before the process exits,
    /// so a last reply is not lost.
    public func terminate() {
        guard !terminated.exchange(true, ordering: .acquiringAndReleasing) else { return }
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit {
        terminate()
    }
}
