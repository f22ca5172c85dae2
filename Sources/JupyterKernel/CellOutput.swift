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
        kernel.publish("stream", content: ["name": .string(name.rawValue), "text": .string(text)], parent: parent)
    }

    func display(_ data: MimeBundle, metadata: [String: JSONValue], displayID: String?, update: Bool) {
        let transient: JSONValue = displayID.map { ["display_id": .string($0)] } ?? [:]
        kernel.publish(update ? "update_display_data" : "display_data", content: [
            "data": .object(data), "metadata": .object(metadata), "transient": transient,
        ], parent: parent)
    }

    func clearOutput(wait: Bool) {
        kernel.publish("clear_output", content: ["wait": .bool(wait)], parent: parent)
    }

    func requestInput(prompt: String, password: Bool) -> String? {
        guard allowStdin else { return nil }
        let request = kernel.session.message(
            "input_request", content: ["prompt": .string(prompt), "password": .bool(password)], parent: parent)
        let kernel = self.kernel
        let reply = kernel.transport.askForInput(request) {
            kernel.inputCancelled.load(ordering: .sequentiallyConsistent)
        }
        return reply?.content["value"]?.stringValue
    }
}
