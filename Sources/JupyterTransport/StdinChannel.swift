import JupyterKernel
import JupyterProtocol
import ZeroMQ

/// Stdin: a ROUTER socket on which the kernel asks the frontend for a line of input.
final class StdinChannel: Sendable {
    private let socket: GuardedSocket
    private let codec: WireCodec
    private let verifier: InboundVerifier

    init(context: Context, endpoint: String, codec: WireCodec, verifier: InboundVerifier) throws {
        socket = try GuardedSocket(context: context, type: .router, bindTo: endpoint)
        self.codec = codec
        self.verifier = verifier
    }

    /// Sends `request` and waits for the `input_reply` answering it, checking `isCancelled` every 50 ms.
    func ask(_ request: Message, isCancelled: @Sendable () -> Bool) -> Message? {
        do {
            try socket.send(codec.encode(request))
            while !isCancelled() {
                guard let frames = try socket.receive(timeout: 0.05),
                      let reply = verifier.verify(frames, on: "stdin") else { continue }
                // A late answer to an earlier, interrupted prompt is not this prompt's answer. Clients need not
                // set a parent (jupyter_client's `input()` does not), so only a different parent disqualifies.
                let parent = reply.parentHeader["msg_id"]?.stringValue
                if reply.type == "input_reply", parent == nil || parent == request.header.msgID {
                    return reply
                }
                KernelLog.warning("ignored \(reply.type) on stdin: not the answer to the pending input_request")
            }
        } catch {
            KernelLog.warning("input request failed on stdin: \(error)")
        }
        return nil
    }

    func close() { socket.close() }
}
