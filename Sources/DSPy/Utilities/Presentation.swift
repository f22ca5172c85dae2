import Foundation
import Synchronization

/// Where DSPy's long-running work shows itself: progress bars, result tables, log lines and `inspect_history`.
///
/// Evaluate, the optimizers and `inspectHistory` never print directly; they go through `Presentation.presenter`,
/// which writes to the terminal by default. A host such as the Jupyter cell worker installs its own presenter (an
/// updating display for progress, HTML for tables and prompts) with `Presentation.install(_:)`.
public protocol Presenter: Sendable {
    /// Starts a progress display for `total` steps; the returned display receives every update.
    func beginProgress(total: Int) -> any ProgressDisplay
    /// Shows a table of results.
    func show(_ table: ResultTable)
    /// Shows one line of log output, as DSPy's `print` and `logger.info` calls do.
    func log(_ line: String)
    /// Shows the last `n` of these LM calls, as DSPy's `inspect_history(n)` does.
    func showHistory(_ history: [HistoryEntry], n: Int)
}

extension Presenter {
    /// Prints the calls exactly as DSPy's `pretty_print_history` does, ANSI colours included.
    public func showHistory(_ history: [HistoryEntry], n: Int) {
        print(HistoryEntry.prettyPrinted(history, n: n, colors: true), terminator: "")
    }
}

/// One live progress display, updated from any thread as work completes.
public protocol ProgressDisplay: Sendable {
    /// Shows the new state.
    func update(_ progress: ProgressState)
    /// Shows the final state and releases the display.
    func finish(_ progress: ProgressState)
}

/// The state of a progress bar: how far along, with DSPy's description ("Average Metric: 18.00 / 25 (72.0%)").
public struct ProgressState: Sendable, Equatable {
    public var description: String
    public var completed: Int
    public var total: Int
    /// Seconds since the work started.
    public var elapsed: Double

    public init(description: String, completed: Int, total: Int, elapsed: Double) {
        self.description = description
        self.completed = completed
        self.total = total
        self.elapsed = elapsed
    }

    /// Completed steps per second, or nil before there is a rate to show.
    public var rate: Double? { elapsed > 0 && completed > 0 ? Double(completed) / elapsed : nil }

    /// The bar as tqdm draws it: `Average Metric: 18.00 / 25 (72.0%): 100%|██████████| 25/25 [00:03<00:00, 7.12it/s]`.
    public func line(width: Int = 10) -> String {
        let fraction = total > 0 ? Double(completed) / Double(total) : 0
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled)
        let percent = String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
        let remaining = rate.map { Double(total - completed) / $0 }
        let rateText = rate.map { String(format: "%5.2fit/s", $0) } ?? "?it/s"
        let prefix = description.isEmpty ? "" : description + ": "
        return "\(prefix)\(percent)|\(bar)| \(completed)/\(total) [\(Self.clock(elapsed))<\(remaining.map(Self.clock) ?? "?"), \(rateText)]"
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        return whole >= 3600
            ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
            : String(format: "%02d:%02d", whole / 60, whole % 60)
    }
}

/// A table of results as Evaluate shows it: a header row and text cells, possibly cut short.
public struct ResultTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]
    /// Rows left out of `rows` because the caller asked for fewer.
    public var omittedRows: Int

    public init(columns: [String], rows: [[String]], omittedRows: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.omittedRows = omittedRows
    }
}

/// The process-wide presenter, which `Settings.presenter` overrides inside a `Settings.with` scope.
public enum Presentation {
    private static let current = Mutex<any Presenter>(TerminalPresenter())

    /// The presenter DSPy reports through: the scope's (`Settings.presenter`), else the installed one.
    public static var presenter: any Presenter { Settings.current.presenter ?? current.withLock { $0 } }

    /// Replaces the presenter (the cell worker installs a Jupyter one).
    public static func install(_ presenter: any Presenter) {
        current.withLock { $0 = presenter }
    }
}
