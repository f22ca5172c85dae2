import JupyterProtocol

/// The seam between the kernel core and the sockets: the core hands over messages, the transport routes them.
///
/// `JupyterTransport` implements it over the five ZeroMQ sockets; tests implement it in memory.
public protocol KernelTransport: Sendable {
    /// Broadcasts on IOPub.
    func publish(_ message: Message)
    /// Answers a request on the channel it came from, addressed by the message's identities.
    func reply(_ message: Message, on channel: Channel)
    /// Sends an `input_request` on stdin and waits for the `input_reply`; nil when `isCancelled` turns true
    /// (an interrupt) or the channel closes first.
    func askForInput(_ request: Message, isCancelled: @Sendable () -> Bool) -> Message?
    /// Takes the verified requests already waiting on `channel`, without blocking; after a failed cell the core
    /// answers the queued executions "aborted" (stop_on_error).
    func takeQueuedRequests(on channel: Channel) -> [Message]
}

/// The request channels.
public enum Channel: String, Sendable {
    case shell, control
}
