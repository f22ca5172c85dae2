import JSON
import KernelInterpreter
import Synchronization

/// An interpreter for tests of what serves or drives one (the kernel core, the notebook runner), without a compiler.
///
/// A cell runs a closure when the test gives one; otherwise it is a tiny line language: `out TEXT` / `err TEXT`
/// write a line, `show ID TEXT` displays, `update ID TEXT` updates a display, `clear` / `clear-wait` clear the
/// output, `fail NAME MESSAGE` ends the cell with an error, and a last line `= TEXT` is the cell's result; other
/// lines do nothing. Completion offers `print`; `print` and `Predict` can be inspected; a line ending in `{` is
/// incomplete. Every request and interrupt is recorded.
public final class ScriptedInterpreter: Interpreter {
    public typealias Cell = @Sendable (ExecutionRequest, any ExecutionOutput) -> ExecutionOutcome
    private let cell: Cell?
    private let executed = Mutex<[ExecutionRequest]>([])
    private let interruptCount = Atomic<Int>(0)

    /// - Parameter cell: what every cell does; nil runs the line language.
    public init(_ cell: Cell? = nil) {
        self.cell = cell
    }

    /// Every executed request, in order.
    public var requests: [ExecutionRequest] { executed.withLock { $0 } }
    /// The code of every executed cell, in order.
    public var executedCode: [String] { requests.map(\.code) }
    /// How many times `interrupt()` was called.
    public var interrupts: Int { interruptCount.load(ordering: .relaxed) }

    public let languageInfo = LanguageInfo(name: "swift", version: "6.3", mimetype: "text/x-swift",
                                           fileExtension: ".swift", pygmentsLexer: "swift", codemirrorMode: "swift")
    public let banner = "scripted"

    public func execute(_ request: ExecutionRequest, output: any ExecutionOutput) -> ExecutionOutcome {
        executed.withLock { $0.append(request) }
        return cell?(request, output) ?? Self.runLines(of: request.code, output: output)
    }

    private static func runLines(of code: String, output: any ExecutionOutput) -> ExecutionOutcome {
        var result: MimeBundle?
        for line in code.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            let rest = words.dropFirst().joined(separator: " ")
            switch words.first {
            case "out": output.stream(.stdout, text: rest + "\n")
            case "err": output.stream(.stderr, text: rest + "\n")
            case "show": output.display(["text/plain": .string(words[2])], metadata: [:], displayID: words[1], update: false)
            case "update": output.display(["text/plain": .string(words[2])], metadata: [:], displayID: words[1], update: true)
            case "clear": output.clearOutput(wait: false)
            case "clear-wait": output.clearOutput(wait: true)
            case "fail": return .error(name: words[1], value: words[2], traceback: ["at \(line)"])
            case "=": result = ["text/plain": .string(rest)]
            default: continue
            }
        }
        return .ok(result: result)
    }

    public func complete(code: String, cursor: Int) -> CompletionResult {
        CompletionResult(matches: ["print"], cursorStart: 0, cursorEnd: cursor)
    }

    public func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        switch code {
        case "print": ["text/plain": "func print(_ items: Any...)"]
        case "Predict": ["text/markdown": "`Predict`: a module"]
        default: nil
        }
    }

    public func isComplete(code: String) -> CodeCompleteness { code.hasSuffix("{") ? .incomplete(indent: "    ") : .complete }
    public func interrupt() { interruptCount.add(1, ordering: .relaxed) }
    public func shutdown(restart: Bool) {}
}
