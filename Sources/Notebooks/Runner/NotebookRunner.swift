import Foundation
import JSON
import KernelInterpreter

/// Executes a notebook's code cells in order through an `Interpreter`, recording the outputs into the notebook
/// as `jupyter nbconvert --execute` (nbclient) does.
///
/// Blank code cells are skipped, like nbclient; every other code cell gets the next execution count. The run
/// stops at the first cell that fails unless `allowErrors` is set; either way the returned notebook holds
/// everything produced until then, so it can be saved for inspection.
public final class NotebookRunner {
    private let interpreter: any Interpreter
    private let observer: (any RunObserver)?

    /// A runner driving `interpreter`, telling `observer` what happens as it happens.
    public init(interpreter: any Interpreter, observer: (any RunObserver)? = nil) {
        self.interpreter = interpreter
        self.observer = observer
    }

    /// Runs every code cell of `notebook`.
    /// - Parameter allowErrors: keep going after a failing cell (nbconvert's `--allow-errors`).
    /// - Returns: the executed notebook and, when a cell failed, the first failure.
    public func run(_ notebook: Notebook, allowErrors: Bool = false) -> RunResult {
        var notebook = notebook
        let recorder = CellOutputRecorder(observer: observer)
        for index in notebook.cells.indices where notebook.cells[index].kind == .code {
            notebook.cells[index].outputs = []
            notebook.cells[index].executionCount = nil
        }
        notebook.metadata["language_info"] = interpreter.languageInfo.notebookMetadata

        var executionCount = 0
        var failure: CellFailure?
        for index in notebook.cells.indices {
            let cell = notebook.cells[index]
            guard cell.kind == .code, !cell.isBlank else { continue }
            executionCount += 1
            observer?.handle(.cellStarted(cellNumber: index + 1, executionCount: executionCount, source: cell.source))
            recorder.begin(cell: index)
            let started = Date()
            let outcome = interpreter.execute(ExecutionRequest(code: cell.source, executionCount: executionCount), output: recorder)
            var failed = false
            switch outcome {
            case .ok(let result, _, _):
                if let result {
                    recorder.append(.executeResult(executionCount: executionCount, data: result, metadata: [:]))
                }
            case .error(let name, let value, let traceback):
                failed = true
                recorder.append(.error(name: name, value: value, traceback: traceback))
                if failure == nil {
                    failure = CellFailure(cellNumber: index + 1, executionCount: executionCount, name: name, value: value,
                                          traceback: traceback)
                }
            }
            notebook.cells[index].executionCount = executionCount
            observer?.handle(.cellFinished(cellNumber: index + 1, seconds: Date().timeIntervalSince(started), failed: failed))
            if failed && !allowErrors { break }
        }
        // Display updates may rewrite outputs of earlier cells, so outputs are copied in only at the end.
        for index in notebook.cells.indices where notebook.cells[index].kind == .code {
            notebook.cells[index].outputs = recorder.outputs(ofCell: index)
        }
        return RunResult(notebook: notebook, failure: failure)
    }
}

/// The outcome of `NotebookRunner.run`.
public struct RunResult: Sendable {
    /// The notebook with the outputs and execution counts of the cells that ran.
    public var notebook: Notebook
    /// The first cell that failed, if any.
    public var failure: CellFailure?
}

/// A cell that ended with an error, naming the cell.
public struct CellFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The cell's 1-based position among all cells of the notebook (markdown included), as editors number them.
    public var cellNumber: Int
    /// The prompt number it ran with.
    public var executionCount: Int
    /// The error's name (e.g. `CompilationError`).
    public var name: String
    /// The error's message.
    public var value: String
    /// The traceback lines the interpreter gave.
    public var traceback: [String]

    public var description: String {
        "cell \(cellNumber) (execution count \(executionCount)) failed: \(name): \(value)"
    }
}

extension LanguageInfo {
    /// `language_info` as nbclient stores it in the notebook metadata after a run.
    var notebookMetadata: JSONValue {
        [
            "name": .string(name), "version": .string(version), "mimetype": .string(mimetype),
            "file_extension": .string(fileExtension), "pygments_lexer": .string(pygmentsLexer),
            "codemirror_mode": .string(codemirrorMode),
        ]
    }
}
