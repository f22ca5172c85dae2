import JSON
import JupyterProtocol

/// Comms: this kernel registers no comm targets, so it answers the way the spec prescribes for unknown ones.
extension Kernel {
    func commInfo(_ request: Message, on channel: Channel) {
        reply(to: request, on: channel, content: ["status": "ok", "comms": [:]])
    }

    /// An open for an unknown target is closed at once, so the frontend does not keep a dangling comm.
    func commOpen(_ request: Message) {
        let target = request.content["target_name"]?.stringValue ?? ""
        guard let commID = request.content["comm_id"]?.stringValue else {
            KernelLog.warning("comm_open without comm_id ignored")
            return
        }
        KernelLog.warning("comm_open for unknown target \"\(target)\": closing comm \(commID)")
        publish("comm_close", content: ["comm_id": .string(commID), "data": [:]], parent: request)
    }

    /// Messages to comms this kernel never opened are dropped with a note, as ipykernel does.
    func commMessage(_ request: Message) {
        let commID = request.content["comm_id"]?.stringValue ?? "(none)"
        KernelLog.warning("\(request.type) for unknown comm \(commID) ignored")
    }
}
