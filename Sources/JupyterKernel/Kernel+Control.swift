import JSON
import JupyterProtocol
import KernelInterpreter

extension Kernel {
    func interrupt(_ request: Message, on channel: Channel) {
        interruptExecution()
        reply(to: request, on: channel, content: ["status": "ok"])
    }

    /// Replies on the request's channel and on IOPub (so every client learns of it), then releases the
    /// interpreter. A restart is the caller's job: jupyter_client starts a new kernel process.
    func shutdown(_ request: Message, on channel: Channel) -> Disposition {
        let restart = request.content["restart"]?.boolValue ?? false
        let content: [String: JSONValue] = ["status": "ok", "restart": .bool(restart)]
        reply(to: request, on: channel, content: content)
        publish("shutdown_reply", content: content, parent: request)
        interruptExecution()
        interpreter.shutdown(restart: restart)
        return .shutDown(restart: restart)
    }
}
