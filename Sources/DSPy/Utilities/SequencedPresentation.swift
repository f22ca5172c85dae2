import Synchronization

/// Shows the output of parts of a job that run at the same time as if they ran one after the other.
///
/// DSPy's random search builds and scores its candidates one by one, so its user sees, per candidate, a bootstrap
/// bar, an evaluation bar and a few log lines. The Swift search works on all candidates at once; each candidate
/// reports through `presenter(for:)`, and this shows the first unfinished part live while holding back what later
/// parts show (a held-back bar keeps only its latest state) until every part before them is `close`d.
final class SequencedPresentation: Sendable {
    private let target: any Presenter
    private let state: Mutex<State>

    /// `parts` parts, shown in order through `presenter`.
    init(parts: Int, presenter: any Presenter) {
        target = presenter
        state = Mutex(State(parts: Array(repeating: Part(), count: parts)))
    }

    /// Where part `index` shows its output.
    func presenter(for index: Int) -> any Presenter { PartPresenter(sequence: self, index: index) }

    /// Marks part `index` finished. With `last`, nothing after it will be shown.
    func close(_ index: Int, last: Bool = false) {
        state.withLock { state in
            state.parts[index].closed = true
            if last { state.end = min(state.end, index + 1) }
            while state.current < state.end, state.parts[state.current].closed {
                state.current += 1
                if state.current < state.end { replay(&state) }
            }
        }
    }

    private struct State {
        var parts: [Part]
        var bars: [Bar] = []
        /// The part shown live.
        var current = 0
        /// Parts from here on are never shown.
        var end: Int

        init(parts: [Part]) {
            self.parts = parts
            end = parts.count
        }
    }

    private struct Part {
        var closed = false
        var heldBack: [Output] = []
    }

    private enum Output {
        case log(String)
        case table(ResultTable)
        case bar(Int)
    }

    /// A progress bar: live once its part is, held back as its latest state before.
    private struct Bar {
        var total: Int
        var latest: ProgressState?
        var finished = false
        var live: (any ProgressDisplay)?
    }

    /// Shows what the part that just became current held back, and makes its bars live.
    private func replay(_ state: inout State) {
        let outputs = state.parts[state.current].heldBack
        state.parts[state.current].heldBack = []
        for output in outputs {
            switch output {
            case .log(let line): target.log(line)
            case .table(let table): target.show(table)
            case .bar(let id):
                let display = target.beginProgress(total: state.bars[id].total)
                state.bars[id].live = display
                if let latest = state.bars[id].latest {
                    state.bars[id].finished ? display.finish(latest) : display.update(latest)
                }
            }
        }
    }

    private func emit(_ output: Output, part index: Int) {
        state.withLock { state in
            if index == state.current {
                switch output {
                case .log(let line): target.log(line)
                case .table(let table): target.show(table)
                case .bar: break
                }
            } else if index > state.current, index < state.end {
                state.parts[index].heldBack.append(output)
            }
        }
    }

    private func beginBar(total: Int, part index: Int) -> Int {
        state.withLock { state in
            let id = state.bars.count
            state.bars.append(Bar(total: total))
            if index == state.current {
                state.bars[id].live = target.beginProgress(total: total)
            } else if index > state.current, index < state.end {
                state.parts[index].heldBack.append(.bar(id))
            }
            return id
        }
    }

    private func updateBar(_ id: Int, _ progress: ProgressState, finished: Bool) {
        state.withLock { state in
            if let live = state.bars[id].live {
                finished ? live.finish(progress) : live.update(progress)
            } else {
                state.bars[id].latest = progress
                state.bars[id].finished = finished
            }
        }
    }

    private struct PartPresenter: Presenter {
        let sequence: SequencedPresentation
        let index: Int

        func beginProgress(total: Int) -> any ProgressDisplay {
            PartBar(sequence: sequence, id: sequence.beginBar(total: total, part: index))
        }

        func show(_ table: ResultTable) { sequence.emit(.table(table), part: index) }
        func log(_ line: String) { sequence.emit(.log(line), part: index) }
    }

    private struct PartBar: ProgressDisplay {
        let sequence: SequencedPresentation
        let id: Int

        func update(_ progress: ProgressState) { sequence.updateBar(id, progress, finished: false) }
        func finish(_ progress: ProgressState) { sequence.updateBar(id, progress, finished: true) }
    }
}
