import Foundation
import JSON
import KernelTesting
import Testing
@testable import Notebooks

@Suite struct NotebookRunnerTests {
    @Test func recordsOutputsAndExecutionCountsLikeNbclient() {
        let notebook = Notebook(cells: [
            .markdown("# Title"),
            .code("out one\nout two\nerr oops\nout three"),
            .code("   \n"),
            .code("show progress 0/2\n= done"),
        ])
        let interpreter = ScriptedInterpreter()
        let result = NotebookRunner(interpreter: interpreter).run(notebook)
        #expect(result.failure == nil)
        let cells = result.notebook.cells
        #expect(cells[1].executionCount == 1)
        #expect(cells[1].outputs == [
            .stream(name: "stdout", text: "one\ntwo\n"), .stream(name: "stderr", text: "oops\n"),
            .stream(name: "stdout", text: "three\n"),
        ])
        #expect(cells[2].executionCount == nil, "blank cells are skipped")
        #expect(cells[3].executionCount == 2)
        #expect(cells[3].outputs.last == .executeResult(executionCount: 2, data: ["text/plain": "done"], metadata: [:]))
        #expect(interpreter.requests.map(\.executionCount) == [1, 2])
        #expect(result.notebook.metadata["language_info"]?["name"] == "swift")
    }

    @Test func displayUpdatesReachEarlierCells() {
        let notebook = Notebook(cells: [.code("show bar 0%"), .code("out working\nupdate bar 100%")])
        let result = NotebookRunner(interpreter: ScriptedInterpreter()).run(notebook)
        #expect(result.notebook.cells[0].outputs == [.displayData(data: ["text/plain": "100%"], metadata: [:])])
        #expect(result.notebook.cells[1].outputs == [.stream(name: "stdout", text: "working\n")])
    }

    @Test func clearOutputNowAndOnNextOutput() {
        let notebook = Notebook(cells: [.code("out a\nclear\nout b"), .code("out a\nclear-wait\nshow x kept")])
        let result = NotebookRunner(interpreter: ScriptedInterpreter()).run(notebook)
        #expect(result.notebook.cells[0].outputs == [.stream(name: "stdout", text: "b\n")])
        #expect(result.notebook.cells[1].outputs == [.displayData(data: ["text/plain": "kept"], metadata: [:])])
    }

    @Test func stopsAtTheFirstFailingCellAndNamesIt() {
        let notebook = Notebook(cells: [
            .markdown("intro"), .code("out fine"), .code("out before\nfail CompilationError line-1:-bad"), .code("out never"),
        ])
        var stale = notebook
        stale.cells[3].outputs = [.stream(name: "stdout", text: "old\n")]
        stale.cells[3].executionCount = 9
        let log = EventLog()
        let result = NotebookRunner(interpreter: ScriptedInterpreter(), observer: log).run(stale)
        #expect(result.failure == CellFailure(cellNumber: 3, executionCount: 2, name: "CompilationError",
                                              value: "line-1:-bad", traceback: ["at fail CompilationError line-1:-bad"]))
        #expect(result.failure?.description == "cell 3 (execution count 2) failed: CompilationError: line-1:-bad")
        #expect(result.notebook.cells[2].outputs.last == .error(name: "CompilationError", value: "line-1:-bad",
                                                                 traceback: ["at fail CompilationError line-1:-bad"]))
        #expect(result.notebook.cells[3].outputs.isEmpty && result.notebook.cells[3].executionCount == nil,
                "cells after the failure are cleared and not run")
        #expect(log.events.last == .cellFinished(cellNumber: 3, seconds: secondsOf(log.events.last), failed: true))
    }

    @Test func allowErrorsKeepsGoing() {
        let notebook = Notebook(cells: [.code("fail E first"), .code("out after")])
        let result = NotebookRunner(interpreter: ScriptedInterpreter()).run(notebook, allowErrors: true)
        #expect(result.failure?.cellNumber == 1)
        #expect(result.notebook.cells[1].outputs == [.stream(name: "stdout", text: "after\n")])
    }

    @Test func terminalReporterPrintsOutputsAndFinalProgress() throws {
        let pipe = Pipe()
        let errors = Pipe()
        let reporter = TerminalReporter(standardOutput: pipe.fileHandleForWriting, standardError: errors.fileHandleForWriting,
                                        redrawsInPlace: false)
        let notebook = Notebook(cells: [.code("out hello\nshow bar 0/2\nupdate bar 1/2\nupdate bar 2/2\n= 42"), .code("fail E boom")])
        _ = NotebookRunner(interpreter: ScriptedInterpreter(), observer: reporter).run(notebook)
        try pipe.fileHandleForWriting.close()
        try errors.fileHandleForWriting.close()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(out == "hello\n0/2\n42\n2/2\n")
        #expect(err.contains("── cell 1 [1] ──"))
        #expect(err.contains("E: boom\nat fail E boom\n"))
        #expect(err.contains("── cell 2 failed in"))
    }

    @Test func withoutATerminalALongRunningDisplayIsPrintedAgainAfterTheInterval() throws {
        let pipe = Pipe()
        let errors = Pipe()
        let reporter = TerminalReporter(standardOutput: pipe.fileHandleForWriting, standardError: errors.fileHandleForWriting,
                                        redrawsInPlace: false, progressInterval: 0)
        let notebook = Notebook(cells: [.code("show bar 0/2\nupdate bar 1/2\nupdate bar 2/2\nout done")])
        _ = NotebookRunner(interpreter: ScriptedInterpreter(), observer: reporter).run(notebook)
        try pipe.fileHandleForWriting.close()
        // Every state is due at once with a zero interval; the final one is not repeated at the cell's end.
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "0/2\n1/2\n2/2\ndone\n")
    }

    private func secondsOf(_ event: RunEvent?) -> Double {
        if case .cellFinished(_, let seconds, _)? = event { return seconds }
        return -1
    }
}
