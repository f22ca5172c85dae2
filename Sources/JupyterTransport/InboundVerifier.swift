import Foundation
import JupyterKernel
import JupyterProtocol
import Synchronization

/// Admits a message only when its signature matches the raw frames and has not been seen before in this
/// session; everything else is dropped with a log line naming the channel and the reason.
final class InboundVerifier: Sendable {
    private let codec: WireCodec
    private let seen = Mutex(ReplayGuard())

    init(codec: WireCodec) {
        self.codec = codec
    }

    func verify(_ frames: [Data], on channel: String) -> Message? {
        do {
            let (message, signature) = try codec.decode(frames)
            guard seen.withLock({ $0.admit(signature) }) else { throw WireError.replayedSignature }
            return message
        } catch {
            let size = frames.reduce(0) { $0 + $1.count }
            KernelLog.warning("dropped a message on \(channel) (\(frames.count) frames, \(size) bytes): \(error)")
            return nil
        }
    }
}
