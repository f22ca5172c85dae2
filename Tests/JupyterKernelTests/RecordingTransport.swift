import JSON
import JupyterKernel
import JupyterProtocol
import Synchronization

/// An in-memory transport: records what the kernel sends, answers input requests with a scripted line.
final class RecordingTransport: KernelTransport {
    struct Sent: Sendable {
        var channel: String
        var message: Message
    }

    let sent = Mutex<[Sent]>([])
    let inputAnswer: String?
    /// Requests "waiting on the socket", returned by `takeQueuedRequests`.
    let queue = Mutex<[Message]>([])

    init(inputAnswer: String? = nil) {
        self.inputAnswer = inputAnswer
    }

    func takeQueuedRequests(on channel: Channel) -> [Message] {
        queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }

    func publish(_ message: Message) {
        sent.withLock { $0.append(Sent(channel: "iopub", message: message)) }
    }

    func reply(_ message: Message, on channel: Channel) {
        sent.withLock { $0.append(Sent(channel: channel.rawValue, message: message)) }
    }

    func askForInput(_ request: Message, isCancelled: @Sendable () -> Bool) -> Message? {
        sent.withLock { $0.append(Sent(channel: "stdin", message: request)) }
        guard let inputAnswer else { return nil }
        return Session().message("input_reply", content: ["value": .string(inputAnswer)], parent: request)
    }

    /// `channel:msg_type` for everything sent, in order, with status messages as `iopub:status=busy`.
    var trace: [String] {
        sent.withLock { sent in
            sent.map { item in
                let state = item.message.content["execution_state"]?.stringValue.map { "=\($0)" } ?? ""
                return "\(item.channel):\(item.message.type)\(state)"
            }
        }
    }

    func last(_ type: String) -> Message? {
        sent.withLock { $0.last { $0.message.type == type }?.message }
    }

    func clear() { sent.withLock { $0.removeAll() } }
}
