import Foundation
import JSON
import KernelInterpreter

/// The Swift language behind the Jupyter kernel and the headless notebook runner: cells run through a
/// `CellEngine`, lines starting with `%` are magics (`%who`, `%reset`, `%rerun`, `%timeit`, `%install`, `%help`).
///
/// ```swift
/// let interpreter = try CellInterpreter(configuration: .default)
/// ```
public final class CellInterpreter: Interpreter {
    /// The engine that compiles and runs cells.
    public let engine: CellEngine

    /// Starts a session (and its worker, so the first cell pays no cold start).
    public init(configuration: CellEngine.Configuration) throws {
        engine = try CellEngine(configuration: configuration)
        let engine = engine
        // A failed warm-up only costs the first cell its speed; that cell reports any real problem.
        Thread.detachNewThread { try? engine.warmUp() }
    }

    public var languageInfo: LanguageInfo {
        LanguageInfo(name: "swift", version: "6", mimetype: "text/x-swift", fileExtension: ".swift",
                     pygmentsLexer: "swift", codemirrorMode: "swift")
    }

    public var banner: String {
        "Swift with DSPy and the SQL toolkit preloaded. Magics: %who, %reset, %rerun, %timeit <code>, %install, %help."
    }

    public func execute(_ request: ExecutionRequest, output: any ExecutionOutput) -> ExecutionOutcome {
        let engine = engine
        // A cell that declared something gives completion a new module to import.
        defer { engine.completion.importsChanged { engine.importHeader } }
        if let magic = Magic(parsing: request.code) {
            return run(magic, request: request, output: output)
        }
        return engine.execute(request.code, executionCount: request.executionCount, output: output)
    }

    /// Starts the language server and loads the modules' names in the background, so that the first completion
    /// takes the warm path; the kernel calls it at start (the headless runner, which never completes, does not).
    /// It runs on its own thread: it never holds up `kernel_info_reply` or the first cell.
    public func warmUpCompletion() {
        let engine = engine
        Thread.detachNewThread { engine.completion.warmUp(header: engine.importHeader) }
    }

    public func complete(code: String, cursor: Int) -> CompletionResult {
        Completer(engine: engine).complete(code: code, cursor: cursor)
    }

    public func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        Completer(engine: engine).inspect(code: code, cursor: cursor)
    }

    public func isComplete(code: String) -> CodeCompleteness {
        CompletenessCheck.check(code)
    }

    public func interrupt() {
        engine.interrupt()
    }

    public func shutdown(restart: Bool) {
        if restart {
            do {
                try engine.reset()
            } catch {
                engine.shutdown()
            }
        } else {
            engine.shutdown()
        }
    }
}
