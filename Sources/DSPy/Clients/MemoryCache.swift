import Synchronization

/// The in-memory layer of `Cache`: a bounded map that forgets its oldest entries first.
final class MemoryCache: Sendable {
    private struct Storage {
        var entries: [String: CachedCompletion] = [:]
        /// Insertion order, consumed from `head`; compacted when half of it is consumed.
        var order: [String] = []
        var head = 0
    }

    private let storage = Mutex(Storage())
    private let maxEntries: Int

    init(maxEntries: Int) { self.maxEntries = maxEntries }

    func get(_ key: String) -> CachedCompletion? { storage.withLock { $0.entries[key] } }

    func put(_ key: String, _ entry: CachedCompletion) {
        storage.withLock { storage in
            if storage.entries.updateValue(entry, forKey: key) == nil { storage.order.append(key) }
            while storage.entries.count > maxEntries, storage.head < storage.order.count {
                storage.entries.removeValue(forKey: storage.order[storage.head])
                storage.head += 1
            }
            if storage.head > 1024, storage.head * 2 > storage.order.count {
                storage.order.removeFirst(storage.head)
                storage.head = 0
            }
        }
    }

    func clear() { storage.withLock { $0 = Storage() } }
}
