import JupyterKernel
import JupyterProtocol
import ZeroMQ

/// IOPub: a PUB socket broadcasting status, outputs and results to every connected frontend.
final class IOPubChannel: Sendable {
    private let socket: GuardedSocket
    private let codec: WireCodec

    init(context: Context, endpoint: String, codec: WireCodec) throws {
        socket = try GuardedSocket(context: context, type: .publisher, bindTo: endpoint)
        self.codec = codec
    }

    func publish(_ message: Message) {
        do { try socket.send(codec.encode(message)) } catch {
            KernelLog.warning("could not publish \(message.type) on iopub: \(error)")
        }
    }

    func close() { socket.close() }
}
