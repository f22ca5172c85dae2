import JSON
import JupyterProtocol
import KernelInterpreter

/// What a running cell produces, published on IOPub under the cell's `execute_request`; input requests go to
/// the frontend's stdin channel.
struct CellOutput: ExecutionOutput {
    let kernel: Kernel
    let parent: Message
    let allowStdin: Bool

    func stream(_ name: StreamName, text: String) {
        guard !text.isEmpty else { return }
        kernel.publish(StreamContent(name: name.rawValue, text: text), parent: parent)
    }

    func display(_ data: MimeBundle, metadata: [String: JSONValue], displayID: String?, update: Bool) {
        kernel.publish(DisplayData(data: data, metadata: metadata, displayID: displayID, update: update), parent: parent)
    }

    func clearOutput(wait: Bool) {
        kernel.publish(ClearOutput(wait: wait), parent: parent)
    }

    func requestInput(prompt: String, password: Bool) -> String? {
        guard allowStdin else { return nil }
        let request = kernel.session.message(InputRequest(prompt: prompt, password: password), parent: parent)
        let kernel = self.kernel
        guard let reply = kernel.transport.askForInput(request, isCancelled: {
            kernel.inputCancelled.load(ordering: .sequentiallyConsistent)
        }) else { return nil }
        do {
            return try reply.content(as: InputReply.self).value
        } catch {
            KernelLog.warning("input_reply ignored: \(error)")
            return nil
        }
    }
}
