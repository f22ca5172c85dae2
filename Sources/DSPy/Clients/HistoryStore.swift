import Synchronization

/// A bounded, thread-safe list of history entries: one per LM, and one global.
final class HistoryStore: Sendable {
    /// DSPy's `MAX_HISTORY_SIZE`.
    static let maxEntries = 10_000
    /// Every call of every LM in this process.
    static let global = HistoryStore()

    /// A ring: once full, the newest entry overwrites the oldest, at `start`, without shifting the others.
    private struct Ring {
        var items: [HistoryEntry] = []
        var start = 0
    }

    private let storage = Mutex(Ring())

    var entries: [HistoryEntry] {
        storage.withLock { ring in Array(ring.items[ring.start...] + ring.items[..<ring.start]) }
    }

    func append(_ entry: HistoryEntry) {
        storage.withLock { ring in
            if ring.items.count < HistoryStore.maxEntries {
                ring.items.append(entry)
            } else {
                ring.items[ring.start] = entry
                ring.start = (ring.start + 1) % HistoryStore.maxEntries
            }
        }
    }
}

/// Every LM call recorded in this process, oldest first (DSPy's `GLOBAL_HISTORY`).
public var globalHistory: [HistoryEntry] { HistoryStore.global.entries }

/// Shows the last `n` LM calls of any LM the way DSPy's `dspy.inspect_history(n)` prints them (through the presenter).
public func inspectHistory(n: Int = 1) {
    Presentation.presenter.showHistory(globalHistory, n: n)
}
