import CellRuntime
import DSPy
import Foundation
import JSON
import Synchronization

/// Shows DSPy's long-running work in Jupyter: a progress bar as one display updated in place, result tables
/// and `inspect_history` as HTML, log lines on stdout (streamed like any print).
struct JupyterPresenter: Presenter {
    func beginProgress(total: Int) -> any ProgressDisplay { JupyterProgress() }

    func show(_ table: ResultTable) {
        display(TableOutput(table: table))
    }

    func log(_ line: String) {
        print(line)
    }

    func showHistory(_ history: [HistoryEntry], n: Int) {
        display(HistoryOutput(history: history, n: n))
    }
}

/// A result table with both renderings.
private struct TableOutput: MimeRepresentable {
    let table: ResultTable
    var mimeBundle: [String: JSONValue] { ["text/html": .string(table.html), "text/plain": .string(table.text)] }
}

/// One progress display, redrawn at most ten times a second (as tqdm does) and always on finish.
private final class JupyterProgress: ProgressDisplay {
    private struct State {
        var shown = false
        var lastDraw = -1.0
    }

    private let id = "dspy-progress-\(UUID().uuidString)"
    private let state = Mutex(State())

    func update(_ progress: ProgressState) { draw(progress, force: false) }

    func finish(_ progress: ProgressState) { draw(progress, force: true) }

    private func draw(_ progress: ProgressState, force: Bool) {
        let firstDraw = state.withLock { state -> Bool? in
            guard force || progress.elapsed - state.lastDraw >= 0.1 else { return nil }
            state.lastDraw = progress.elapsed
            defer { state.shown = true }
            return !state.shown
        }
        guard let firstDraw else { return }
        let bar = ProgressOutput(progress: progress)
        if firstDraw {
            display(bar, id: id)
        } else {
            updateDisplay(bar, id: id)
        }
    }
}

private struct ProgressOutput: MimeRepresentable {
    let progress: ProgressState
    var mimeBundle: [String: JSONValue] {
        let line = progress.line()
        return [
            "text/plain": .string(line),
            "text/html": .string("<progress value=\"\(progress.completed)\" max=\"\(max(progress.total, 1))\"></progress> <code>\(HTML.escaped(line))</code>"),
        ]
    }
}
