import CellRuntime
import Foundation
import Synchronization

/// The worker's end of the host socket: framed messages in both directions.
final class WorkerChannel: Sendable {
    private let fd: Int32
    private let writeLock = Mutex(())
    private let buffer = Mutex(FrameBuffer())

    init(fd: Int32) { self.fd = fd }

    /// Sends `message`, once the host has read what was printed before it; outputs come from any thread, so
    /// writes are serialized.
    func send(_ message: WorkerMessage) {
        guard let frame = try? FrameCodec.encode(message) else { return }
        // Waited for outside the lock: a cell's thread that an interrupt parks while it waits (it sleeps) must
        // not keep the lock from the reply.
        StandardStreams.waitUntilRead()
        writeLock.withLock { _ in
            if !FileDescriptorIO.writeAll(fd, frame) {
                // The host is gone: nobody will ever read this worker's results.
                exit(0)
            }
        }
    }

    /// The next request from the host; nil when the host closed the socket.
    func receive() -> HostMessage? {
        buffer.withLock { buffer in
            while true {
                if let body = buffer.nextFrame() {
                    return try? FrameCodec.decode(HostMessage.self, from: body)
                }
                guard let bytes = FileDescriptorIO.readSome(fd) else { return nil }
                buffer.append(bytes)
            }
        }
    }
}
