import CZeroMQ
import Foundation

/// A failed libzmq call: which operation, on what, and libzmq's own explanation of `errno`.
public struct ZeroMQError: Error, CustomStringConvertible, Sendable {
    /// The libzmq function that failed, e.g. `zmq_bind`.
    public let operation: String
    /// What the call was about (an endpoint, an option), when that helps.
    public let subject: String?
    /// `zmq_errno()` at the time of the failure.
    public let code: Int32

    init(operation: String, subject: String? = nil, code: Int32 = zmq_errno()) {
        self.operation = operation
        self.subject = subject
        self.code = code
    }

    public var description: String {
        let reason = String(cString: zmq_strerror(code))
        if let subject { return "\(operation)(\(subject)) failed: \(reason)" }
        return "\(operation) failed: \(reason)"
    }

    /// The call was interrupted by a signal and may simply be repeated.
    var isInterrupted: Bool { code == EINTR }
    /// A non-blocking call found nothing to do.
    var wouldBlock: Bool { code == EAGAIN }
}
