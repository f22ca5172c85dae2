import JSON
import JupyterKernel
import Synchronization

/// An interpreter whose behaviour each test scripts: a closure per cell, fixed answers for the rest.
final class ScriptedInterpreter: Interpreter {
    typealias Cell = @Sendable (ExecutionRequest, any ExecutionOutput) -> ExecutionOutcome
    let cell: Cell
    let executed = Mutex<[String]>([])
    let interrupts = Atomic<Int>(0)

    /// The code of every executed cell, in order.
    var executedCode: [String] { executed.withLock { $0 } }

    init(_ cell: @escaping Cell = { _, _ in .ok(result: nil) }) {
        self.cell = cell
    }

    var languageInfo: LanguageInfo {
        LanguageInfo(name: "swift", version: "6.3", mimetype: "text/x-swift", fileExtension: ".swift",
                     pygmentsLexer: "swift", codemirrorMode: "swift")
    }
    var banner: String { "scripted" }

    func execute(_ request: ExecutionRequest, output: any ExecutionOutput) -> ExecutionOutcome {
        executed.withLock { $0.append(request.code) }
        return cell(request, output)
    }

    func complete(code: String, cursor: Int) -> CompletionResult {
        CompletionResult(matches: ["print"], cursorStart: 0, cursorEnd: cursor)
    }

    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        code == "print" ? ["text/plain": "func print(_ items: Any...)"] : nil
    }

    func isComplete(code: String) -> CodeCompleteness { code.hasSuffix("{") ? .incomplete(indent: "    ") : .complete }
    func interrupt() { interrupts.add(1, ordering: .relaxed) }
    func shutdown(restart: Bool) {}
}
