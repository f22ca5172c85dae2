import CZeroMQ

/// A libzmq context: the I/O threads every socket of a process shares.
///
/// Marked `@unchecked Sendable` because libzmq documents contexts as thread safe: sockets may be created from
/// any thread, and the pointer itself is never mutated after creation.
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Creates a context with libzmq's defaults (one I/O thread).
    public init() throws {
        guard let handle = zmq_ctx_new() else { throw ZeroMQError(operation: "zmq_ctx_new") }
        self.handle = handle
    }

    deinit {
        zmq_ctx_term(handle)
    }
}
