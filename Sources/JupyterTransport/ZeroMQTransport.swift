import JupyterKernel
import JupyterProtocol
import ZeroMQ

/// The kernel's five sockets, bound as a connection file says, behind the `KernelTransport` seam.
final class ZeroMQTransport: KernelTransport {
    let shell: RequestChannel
    let control: RequestChannel
    let iopub: IOPubChannel
    let stdin: StdinChannel
    let heartbeat: HeartbeatChannel

    /// Binds every socket.
    /// - Throws: `ZeroMQError` naming the endpoint that could not be bound, or `UnsupportedSignatureScheme`.
    init(connection: ConnectionInfo, context: Context) throws {
        let codec = WireCodec(signer: try MessageSigner(key: connection.key, scheme: connection.signatureScheme))
        let verifier = InboundVerifier(codec: codec)
        shell = try RequestChannel(.shell, context: context, endpoint: connection.endpoint(port: connection.shellPort),
                                   codec: codec, verifier: verifier)
        control = try RequestChannel(.control, context: context,
                                     endpoint: connection.endpoint(port: connection.controlPort),
                                     codec: codec, verifier: verifier)
        iopub = try IOPubChannel(context: context, endpoint: connection.endpoint(port: connection.iopubPort), codec: codec)
        stdin = try StdinChannel(context: context, endpoint: connection.endpoint(port: connection.stdinPort),
                                 codec: codec, verifier: verifier)
        heartbeat = try HeartbeatChannel(context: context, endpoint: connection.endpoint(port: connection.hbPort))
    }

    func publish(_ message: Message) { iopub.publish(message) }

    func reply(_ message: Message, on channel: Channel) {
        (channel == .shell ? shell : control).send(message)
    }

    func askForInput(_ request: Message, isCancelled: @Sendable () -> Bool) -> Message? {
        stdin.ask(request, isCancelled: isCancelled)
    }

    func takeQueuedRequests(on channel: Channel) -> [Message] {
        (channel == .shell ? shell : control).takeQueued()
    }

    /// Closes every socket; the context then delivers what is still queued (within the linger time).
    func close() {
        shell.close()
        control.close()
        iopub.close()
        stdin.close()
        heartbeat.close()
    }
}
