import Synchronization

/// The process-wide interrupt request: set by the cell worker when the user interrupts a cell, checked by
/// long-running DSPy work (Evaluate, optimizers, the HTTP client) so that it stops cooperatively.
public enum Interruption {
    private static let requested = Atomic<Bool>(false)

    /// Asks running work to stop at its next check.
    public static func request() { requested.store(true, ordering: .sequentiallyConsistent) }

    /// Clears the request; the worker calls this before each cell.
    public static func reset() { requested.store(false, ordering: .sequentiallyConsistent) }

    /// Whether an interrupt has been requested.
    public static var isRequested: Bool { requested.load(ordering: .sequentiallyConsistent) }

    /// Throws `Interrupted` when an interrupt has been requested.
    public static func check() throws {
        if isRequested { throw Interrupted() }
    }
}

/// Thrown by DSPy work that stopped because the user interrupted it.
public struct Interrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "Interrupted by the user." }
}
