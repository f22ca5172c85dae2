import Foundation
import Synchronization
import ZeroMQ

/// A socket that several threads may use, one at a time: libzmq sockets are not thread safe, but may change
/// threads behind a lock (which gives the full memory barrier libzmq asks for).
final class GuardedSocket: Sendable {
    private let socket: Mutex<Socket>
    let endpoint: String

    /// Opens a socket of `type` and binds it to `endpoint`.
    init(context: Context, type: SocketType, bindTo endpoint: String) throws {
        let socket = try Socket(context: context, type: type)
        // Larger frames are refused by libzmq before they reach memory; no Jupyter message comes near this.
        try socket.setMaximumMessageSize(256 << 20)
        try socket.bind(endpoint)
        self.endpoint = endpoint
        self.socket = Mutex(socket)
    }

    func send(_ frames: [Data]) throws {
        try socket.withLock { try $0.send(frames) }
    }

    /// The next message, waiting at most `timeout` seconds; nil when none came.
    func receive(timeout: Double) throws -> [Data]? {
        try socket.withLock { socket in
            guard try socket.waitForInput(timeout: timeout) else { return nil }
            return try socket.receiveIfReady()
        }
    }

    /// A message already waiting, without blocking.
    func receiveIfReady() throws -> [Data]? {
        try socket.withLock { try $0.receiveIfReady() }
    }

    func close() {
        socket.withLock { $0.close() }
    }
}
