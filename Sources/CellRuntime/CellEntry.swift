import JSON
import Synchronization

/// The bridge between a compiled cell and the worker that loads it. Generated cell code calls it; cells'
/// authors never need to.
public enum CellEntry {
    /// Runs a cell's body; the exported C entry point of every compiled cell calls this.
    ///
    /// The worker installed the runner, which blocks until the body finished, so the body's result reaches
    /// the worker through `CellEntry`'s state before the C entry point returns.
    public static func run(cell: String, _ body: @escaping () async throws -> [String: JSONValue]?) {
        cellsRunHere.withLock { _ = $0.insert(cell) }
        let runner = installedRunner.withLock { $0 }
        // The runner blocks this thread until `body` finished, so `body` is never used concurrently.
        nonisolated(unsafe) let body = body
        runner { try await body() }
    }

    /// The value a cell shows for its trailing expression: nil for `Void` and `Void?` (`server?.stop()`), else
    /// its mime bundle.
    public static func present<T>(_ value: T) -> [String: JSONValue]? {
        if T.self == Void.self || T.self == Void?.self { return nil }
        return mimeBundle(of: value)
    }

    package typealias Runner = @Sendable (_ body: @escaping @Sendable () async throws -> [String: JSONValue]?) -> Void

    private static let installedRunner = Mutex<Runner>({ _ in })

    /// The cells (by module name) whose entry points ran in this worker process.
    private static let cellsRunHere = Mutex<Set<String>>([])

    /// Installs how the worker runs a cell body (on which thread, with which cancellation).
    package static func install(runner: @escaping Runner) {
        installedRunner.withLock { $0 = runner }
    }
}

extension CellEntry {
    /// Computes the initial value of a cell's plain global `names` (Swift initializes globals on first use).
    /// In a worker where that cell did not run — it restarted, and a function compiled earlier reads the
    /// global — the value is not recomputed behind the user's back but reported as lost.
    public static func initial<Value>(_ names: String, cell: String, _ value: () -> Value) -> Value {
        guard cellsRunHere.withLock({ $0.contains(cell) }) else { unavailable(names) }
        return value()
    }

    /// Stops the cell when it reads a variable whose value is gone (the worker restarted since the cell
    /// that set it ran, or that cell failed before setting it).
    public static func unavailable(_ name: String) -> Never {
        fatalError("'\(name)' has no value in this worker: the cell that sets it did not run here (run %rerun to re-run earlier cells)")
    }
}
