import Foundation
import JSON
import JupyterProtocol
import KernelInterpreter
import Synchronization

/// The kernel core: dispatches requests to the interpreter, counts executions, keeps history, and publishes
/// busy/idle around every request. It knows nothing of sockets (see `KernelTransport`).
///
/// Shell requests arrive one at a time on the shell thread; control requests on the control thread, so an
/// interrupt or a shutdown reaches the interpreter while a cell runs.
public final class Kernel: Sendable {
    let session: Session
    let interpreter: any Interpreter
    let transport: any KernelTransport
    let info: KernelInfo
    let state: Mutex<State>
    /// Set by an interrupt so a cell waiting for `input_reply` gives up.
    let inputCancelled = Atomic<Bool>(false)

    struct State {
        var executionCount = 0
        var history: ExecutionHistory
    }

    /// - Parameter historyFile: the SQLite file that keeps history across sessions (see
    ///   `defaultHistoryFile`); nil keeps it in memory for this process only.
    public init(interpreter: any Interpreter, transport: any KernelTransport, session: Session = Session(),
                info: KernelInfo = KernelInfo(), historyFile: String? = nil) {
        self.interpreter = interpreter
        self.transport = transport
        self.session = session
        self.info = info
        state = Mutex(State(history: ExecutionHistory(file: historyFile)))
    }

    /// `$SWIFT_DSPY_HISTORY`, else `history.sqlite` in `$XDG_DATA_HOME/swift-dspy` (or `~/.local/share/swift-dspy`).
    public static var defaultHistoryFile: String? {
        let environment = ProcessInfo.processInfo.environment
        if let file = environment["SWIFT_DSPY_HISTORY"] { return file }
        let data = environment["XDG_DATA_HOME"] ?? environment["HOME"].map { $0 + "/.local/share" }
        return data.map { $0 + "/swift-dspy/history.sqlite" }
    }

    /// What the transport should do after a request.
    public enum Disposition: Sendable, Equatable {
        case proceed
        /// The kernel was asked to shut down; stop serving and exit.
        case shutDown(restart: Bool)
    }

    /// Announces the kernel on IOPub (`status: starting`).
    public func announce() {
        publish(KernelStatus(.starting), parent: nil)
    }

    /// Handles one verified request, with `busy` before and `idle` after it.
    ///
    /// When a cell fails with `stop_on_error`, the requests that were already queued behind it are handled next:
    /// executions are answered "aborted" without running, anything else as usual.
    public func handle(_ request: Message, on channel: Channel) -> Disposition {
        var queued: [Message] = []
        let disposition = withStatus(of: request) { dispatch(request, on: channel, queuedAfterError: &queued) }
        for message in queued {
            if message.type == "execute_request" {
                withStatus(of: message) { reply(to: message, on: channel, ExecuteReply.aborted, metadata: ["status": "aborted"]) }
            } else if case .shutDown(let restart) = handle(message, on: channel) {
                return .shutDown(restart: restart)
            }
        }
        return disposition
    }

    private func withStatus<T>(of request: Message, _ body: () -> T) -> T {
        publish(KernelStatus(.busy), parent: request)
        defer { publish(KernelStatus(.idle), parent: request) }
        return body()
    }

    /// Interrupts the running cell (SIGINT, or an `interrupt_request`).
    public func interruptExecution() {
        inputCancelled.store(true, ordering: .sequentiallyConsistent)
        interpreter.interrupt()
    }

    func reply(to request: Message, on channel: Channel, _ content: some MessageContent,
               metadata: [String: JSONValue] = [:]) {
        transport.reply(session.message(content, parent: request, metadata: metadata), on: channel)
    }

    func publish(_ content: some MessageContent, parent: Message?) {
        transport.publish(session.broadcast(content, parent: parent))
    }

    var kernelInfoReply: KernelInfoReply {
        let language = interpreter.languageInfo
        return KernelInfoReply(
            implementation: info.implementation, implementationVersion: info.implementationVersion,
            languageInfo: .init(name: language.name, version: language.version, mimetype: language.mimetype,
                                fileExtension: language.fileExtension, pygmentsLexer: language.pygmentsLexer,
                                codemirrorMode: language.codemirrorMode),
            banner: interpreter.banner, helpLinks: info.helpLinks.map { .init(text: $0.text, url: $0.url) })
    }
}
