import Foundation
import JupyterKernel
import JupyterProtocol
import ZeroMQ

/// Shell or control: a ROUTER socket whose verified requests go to the kernel core, one at a time, on the
/// channel's own thread; replies leave on the same socket.
final class RequestChannel: Sendable {
    let channel: Channel
    private let socket: GuardedSocket
    private let codec: WireCodec
    private let verifier: InboundVerifier

    init(_ channel: Channel, context: Context, endpoint: String, codec: WireCodec, verifier: InboundVerifier) throws {
        self.channel = channel
        socket = try GuardedSocket(context: context, type: .router, bindTo: endpoint)
        self.codec = codec
        self.verifier = verifier
    }

    func send(_ message: Message) {
        do { try socket.send(codec.encode(message)) } catch {
            KernelLog.warning("could not send \(message.type) on \(channel.rawValue): \(error)")
        }
    }

    /// Serves requests until `stopping` turns true or the kernel is asked to shut down (returned).
    func serve(kernel: Kernel, until stopping: @escaping @Sendable () -> Bool) -> Kernel.Disposition {
        while !stopping() {
            do {
                guard let frames = try socket.receive(timeout: 0.1), let request = verifier.verify(frames, on: channel.rawValue) else { continue }
                let disposition = kernel.handle(request, on: channel)
                if disposition != .proceed { return disposition }
            } catch {
                KernelLog.warning("\(channel.rawValue) channel stopped: \(error)")
                return .proceed
            }
        }
        return .proceed
    }

    /// The verified requests already waiting, without blocking.
    func takeQueued() -> [Message] {
        var queued: [Message] = []
        do {
            while let frames = try socket.receiveIfReady() {
                if let message = verifier.verify(frames, on: channel.rawValue) { queued.append(message) }
            }
        } catch {
            KernelLog.warning("could not read queued requests on \(channel.rawValue): \(error)")
        }
        return queued
    }

    func close() { socket.close() }
}
