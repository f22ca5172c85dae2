import JupyterProtocol
import KernelInterpreter

extension Kernel {
    func interrupt(_ request: Message, on channel: Channel) {
        interruptExecution()
        reply(to: request, on: channel, InterruptReply())
    }

    /// Replies on the request's channel and on IOPub (so every client learns of it), then releases the
    /// interpreter. A restart is the caller's job: jupyter_client starts a new kernel process.
    func shutdown(_ content: ShutdownRequest, request: Message, on channel: Channel) -> Disposition {
        let answer = ShutdownReply(restart: content.restart)
        reply(to: request, on: channel, answer)
        publish(answer, parent: request)
        interruptExecution()
        interpreter.shutdown(restart: content.restart)
        return .shutDown(restart: content.restart)
    }
}
