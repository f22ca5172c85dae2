import JupyterProtocol

/// Comms: this kernel registers no comm targets, so it answers the way the spec prescribes for unknown ones.
extension Kernel {
    /// An open for an unknown target is closed at once, so the frontend does not keep a dangling comm.
    func commOpen(_ content: CommOpen, request: Message) {
        KernelLog.warning("comm_open for unknown target \"\(content.targetName)\": closing comm \(content.commID)")
        publish(CommMessage(commID: content.commID, closes: true), parent: request)
    }

    /// Messages to comms this kernel never opened are dropped with a note, as ipykernel does.
    func commMessage(_ content: CommMessage) {
        KernelLog.warning("\(content.messageType) for unknown comm \(content.commID) ignored")
    }
}
