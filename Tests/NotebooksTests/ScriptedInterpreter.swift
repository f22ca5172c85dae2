import Foundation
import JSON
import JupyterKernel
import Notebooks

/// A tiny line-oriented language standing in for Swift cells, so the runner can be tested without a compiler:
/// `out TEXT` / `err TEXT` write a line, `show ID TEXT` displays, `update ID TEXT` updates a display,
/// `clear` / `clear-wait` clear the output, `fail NAME MESSAGE` ends the cell with an error, and a last line
/// `= TEXT` is the cell's result. Every executed request is recorded.
///
/// `@unchecked Sendable`: `requests` is only touched while `lock` is held.
final class ScriptedInterpreter: Interpreter, @unchecked Sendable {
    private let lock = NSLock()
    private var executed: [ExecutionRequest] = []

    var requests: [ExecutionRequest] { lock.withLock { executed } }

    let languageInfo = LanguageInfo(name: "swift", version: "6.3", mimetype: "text/x-swift", fileExtension: ".swift",
                                    pygmentsLexer: "swift", codemirrorMode: "swift")
    let banner = "scripted"

    func execute(_ request: ExecutionRequest, output: any ExecutionOutput) -> ExecutionOutcome {
        lock.withLock { executed.append(request) }
        var result: MimeBundle?
        for line in request.code.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            switch words.first {
            case "out": output.stream(.stdout, text: words.dropFirst().joined(separator: " ") + "\n")
            case "err": output.stream(.stderr, text: words.dropFirst().joined(separator: " ") + "\n")
            case "show": output.display(["text/plain": .string(words[2])], metadata: [:], displayID: words[1], update: false)
            case "update": output.display(["text/plain": .string(words[2])], metadata: [:], displayID: words[1], update: true)
            case "clear": output.clearOutput(wait: false)
            case "clear-wait": output.clearOutput(wait: true)
            case "fail": return .error(name: words[1], value: words[2], traceback: ["at \(line)"])
            case "=": result = ["text/plain": .string(words.dropFirst().joined(separator: " "))]
            default: continue
            }
        }
        return .ok(result: result)
    }

    func complete(code: String, cursor: Int) -> CompletionResult { CompletionResult(matches: [], cursorStart: cursor, cursorEnd: cursor) }
    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? { nil }
    func isComplete(code: String) -> CodeCompleteness { .complete }
    func interrupt() {}
    func shutdown(restart: Bool) {}
}

/// Records run events for assertions.
final class EventLog: RunObserver, @unchecked Sendable {
    // `@unchecked Sendable`: `stored` is only touched while `lock` is held.
    private let lock = NSLock()
    private var stored: [RunEvent] = []
    var events: [RunEvent] { lock.withLock { stored } }
    func handle(_ event: RunEvent) { lock.withLock { stored.append(event) } }
}
