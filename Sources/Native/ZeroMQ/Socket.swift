import CZeroMQ
import Foundation

/// One libzmq socket. Like libzmq's own sockets it is not thread safe: confine it to one thread, or guard it
/// (the kernel's transport keeps each socket behind a `Mutex`).
public final class Socket {
    private let handle: UnsafeMutableRawPointer
    /// Held so the context, whose termination waits for its sockets, outlives them.
    private let context: Context
    private var closed = false

    /// Opens a socket of `type` in `context`.
    /// - Parameter linger: how long, in milliseconds, closing the context waits to deliver unsent messages
    ///   (so a final reply still leaves; a vanished peer delays exit by at most this much).
    public init(context: Context, type: SocketType, linger: Int32 = 1000) throws {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZeroMQError(operation: "zmq_socket")
        }
        self.handle = handle
        self.context = context
        try setOption(ZMQ_LINGER, linger, name: "ZMQ_LINGER")
    }

    deinit { close() }

    /// Closes the socket; later calls fail with `ENOTSOCK`.
    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }

    /// Binds to an endpoint such as `tcp://127.0.0.1:5555` (`:*` picks a free port) or `ipc:///tmp/k-1`.
    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZeroMQError(operation: "zmq_bind", subject: endpoint) }
    }

    /// Connects to an endpoint.
    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else {
            throw ZeroMQError(operation: "zmq_connect", subject: endpoint)
        }
    }

    /// The endpoint the socket last bound, with the port libzmq chose for `:*`.
    public func lastEndpoint() throws -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else {
            throw ZeroMQError(operation: "zmq_getsockopt", subject: "ZMQ_LAST_ENDPOINT")
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Subscribes a SUB socket to messages starting with `prefix` (empty: everything).
    public func subscribe(_ prefix: [UInt8] = []) throws {
        let result = prefix.withUnsafeBytes { zmq_setsockopt(handle, ZMQ_SUBSCRIBE, $0.baseAddress, $0.count) }
        guard result == 0 else { throw ZeroMQError(operation: "zmq_setsockopt", subject: "ZMQ_SUBSCRIBE") }
    }

    /// Refuses (drops) incoming messages larger than `bytes`, protecting memory from hostile peers.
    public func setMaximumMessageSize(_ bytes: Int64) throws {
        var value = bytes
        guard zmq_setsockopt(handle, ZMQ_MAXMSGSIZE, &value, MemoryLayout<Int64>.size) == 0 else {
            throw ZeroMQError(operation: "zmq_setsockopt", subject: "ZMQ_MAXMSGSIZE")
        }
    }

    private func setOption(_ option: Int32, _ value: Int32, name: String) throws {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZeroMQError(operation: "zmq_setsockopt", subject: name)
        }
    }

    /// Sends the frames as one multipart message; blocks while the peer's queue is full.
    public func send(_ frames: [Data]) throws {
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if sent >= 0 { break }
                let error = ZeroMQError(operation: "zmq_send")
                if !error.isInterrupted { throw error }
            }
        }
    }

    /// Receives one multipart message, waiting for it.
    public func receive() throws -> [Data] {
        guard let frames = try receive(blocking: true) else {
            throw ZeroMQError(operation: "zmq_msg_recv", code: EAGAIN)
        }
        return frames
    }

    /// Receives one multipart message if one is waiting, without blocking.
    public func receiveIfReady() throws -> [Data]? {
        try receive(blocking: false)
    }

    private func receive(blocking: Bool) throws -> [Data]? {
        var frames: [Data] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        while true {
            // Only the first frame may be absent; the rest of a multipart message arrives atomically.
            let flags = blocking || !frames.isEmpty ? 0 : ZMQ_DONTWAIT
            let size = zmq_msg_recv(&message, handle, flags)
            if size < 0 {
                let error = ZeroMQError(operation: "zmq_msg_recv")
                if error.isInterrupted { continue }
                if error.wouldBlock && frames.isEmpty { return nil }
                throw error
            }
            frames.append(Data(bytes: zmq_msg_data(&message), count: Int(size)))
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Waits up to `timeout` seconds (negative: forever) for a message to read; true when one is waiting.
    public func waitForInput(timeout: Double) throws -> Bool {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let milliseconds = timeout < 0 ? -1 : Int(timeout * 1000)
        while true {
            let ready = zmq_poll(&item, 1, milliseconds)
            if ready >= 0 { return ready > 0 }
            let error = ZeroMQError(operation: "zmq_poll")
            if !error.isInterrupted { throw error }
        }
    }
}
