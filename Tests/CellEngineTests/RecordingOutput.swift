import Foundation
import JSON
import KernelInterpreter
import Synchronization

/// The kernel side of a cell's output, recorded with arrival times so tests can check order and liveness.
final class RecordingOutput: ExecutionOutput {
    enum Event: Equatable {
        case stream(StreamName, String)
        case display(MimeBundle, displayID: String?, update: Bool)
        case clearOutput(wait: Bool)
        case inputRequest(prompt: String)
    }

    private let recorded = Mutex<[(at: ContinuousClock.Instant, event: Event)]>([])
    private let inputs: Mutex<[String]>
    /// Called with each stream chunk as it arrives (e.g. to interrupt after the first print).
    let onStream: (@Sendable (String) -> Void)?

    init(inputs: [String] = [], onStream: (@Sendable (String) -> Void)? = nil) {
        self.inputs = Mutex(inputs)
        self.onStream = onStream
    }

    var events: [Event] { recorded.withLock { $0.map(\.event) } }
    var timedEvents: [(at: ContinuousClock.Instant, event: Event)] { recorded.withLock { $0 } }

    /// Everything written to `name`, concatenated.
    func text(_ name: StreamName) -> String {
        events.compactMap { if case .stream(name, let text) = $0 { text } else { nil } }.joined()
    }

    func stream(_ name: StreamName, text: String) {
        recorded.withLock { $0.append((.now, .stream(name, text))) }
        onStream?(text)
    }

    func display(_ data: MimeBundle, metadata: [String: JSONValue], displayID: String?, update: Bool) {
        recorded.withLock { $0.append((.now, .display(data, displayID: displayID, update: update))) }
    }

    func clearOutput(wait: Bool) {
        recorded.withLock { $0.append((.now, .clearOutput(wait: wait))) }
    }

    func requestInput(prompt: String, password: Bool) -> String? {
        recorded.withLock { $0.append((.now, .inputRequest(prompt: prompt))) }
        return inputs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}
