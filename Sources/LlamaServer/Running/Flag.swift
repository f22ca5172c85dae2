import Synchronization

/// A thread-safe boolean that is set once.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    /// Whether `set()` has been called.
    var isSet: Bool { value.load(ordering: .acquiring) }
    /// Sets the flag.
    func set() { value.store(true, ordering: .releasing) }
}
