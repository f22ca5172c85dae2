import DSPy
import Synchronization

/// Collects what DSPy presents, so tests can compare log lines with Python DSPy's.
public final class RecordingPresenter: Presenter {
    private let lines = Mutex<[String]>([])
    private let tables = Mutex<[ResultTable]>([])
    private let progress = Mutex<[ProgressState]>([])
    private let shown = Mutex<[String]>([])

    public init() {}

    public var logged: [String] { lines.withLock { $0 } }
    public var shownTables: [ResultTable] { tables.withLock { $0 } }
    public var progressUpdates: [ProgressState] { progress.withLock { $0 } }
    /// What a terminal ends up showing, in order: each log line, and each progress bar as it ends, as
    /// `[bar] <description> <completed>/<total>` (the form `Fixtures/reference_optimizers.py` gives Python's).
    public var transcript: [String] { shown.withLock { $0 } }

    public func beginProgress(total: Int) -> any ProgressDisplay { Display(owner: self) }
    public func show(_ table: ResultTable) { tables.withLock { $0.append(table) } }

    public func log(_ line: String) {
        lines.withLock { $0.append(line) }
        shown.withLock { $0.append(line) }
    }

    private struct Display: ProgressDisplay {
        let owner: RecordingPresenter
        func update(_ state: ProgressState) { owner.progress.withLock { $0.append(state) } }

        func finish(_ state: ProgressState) {
            owner.progress.withLock { $0.append(state) }
            owner.shown.withLock { $0.append("[bar] \(state.description) \(state.completed)/\(state.total)") }
        }
    }

    /// Records what `body` presents, on its thread and the threads it starts through `ParallelExecutor`, and
    /// nothing of what other threads present meanwhile.
    public static func recording<T>(_ body: (RecordingPresenter) throws -> T) rethrows -> T {
        let recorder = RecordingPresenter()
        var settings = Settings.current
        settings.presenter = recorder
        return try Settings.with(settings) { try body(recorder) }
    }
}
