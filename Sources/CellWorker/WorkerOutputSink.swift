import CellRuntime
import JSON

/// Sends what cells display to the host as protocol messages.
struct WorkerOutputSink: CellOutputSink {
    let channel: WorkerChannel

    func display(_ bundle: [String: JSONValue], displayID: String?, update: Bool) {
        channel.send(.display(bundle: bundle, displayID: displayID, update: update))
    }

    func clearOutput(wait: Bool) {
        channel.send(.clearOutput(wait: wait))
    }

    /// Only the running cell asks for input, while the request loop waits for that cell, so reading the
    /// reply here cannot race with the loop.
    func requestInput(prompt: String, password: Bool) -> String? {
        channel.send(.inputRequest(prompt: prompt, password: password))
        while let message = channel.receive() {
            if case .inputReply(let text) = message { return text }
        }
        return nil
    }
}
