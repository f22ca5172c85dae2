import Synchronization

/// A bounded, thread-safe list of history entries: one per LM, and one global.
final class HistoryStore: Sendable {
    /// DSPy's `MAX_HISTORY_SIZE`.
    static let maxEntries = 10_000
    /// Every call of every LM in this process.
    static let global = HistoryStore()

    private let storage = Mutex<[HistoryEntry]>([])

    var entries: [HistoryEntry] { storage.withLock { $0 } }

    func append(_ entry: HistoryEntry) {
        storage.withLock { entries in
            if entries.count >= HistoryStore.maxEntries { entries.removeFirst(entries.count - HistoryStore.maxEntries + 1) }
            entries.append(entry)
        }
    }

    func removeAll() { storage.withLock { $0.removeAll() } }
}

/// Every LM call recorded in this process, oldest first (DSPy's `GLOBAL_HISTORY`).
public var globalHistory: [HistoryEntry] { HistoryStore.global.entries }

/// Prints the last `n` LM calls of any LM the way DSPy's `dspy.inspect_history(n)` does.
public func inspectHistory(n: Int = 1) {
    print(HistoryEntry.prettyPrinted(globalHistory, n: n, colors: true), terminator: "")
}
