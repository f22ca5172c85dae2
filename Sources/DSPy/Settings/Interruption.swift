import Synchronization

/// The process-wide interrupt request: set by the cell worker when the user interrupts a cell, checked by
/// long-running DSPy work (Evaluate, optimizers, the HTTP client) so that it stops cooperatively.
///
/// Work can also run under its own `InterruptionScope` (bound with `Interruption.within(_:_:)`), which can be
/// interrupted without touching the process-wide flag; `ParallelExecutor` carries the scope to its threads.
public enum Interruption {
    private static let requested = Atomic<Bool>(false)

    /// The scope bound around the current work, if any.
    @TaskLocal public static var scope: InterruptionScope?

    /// Set around work that runs to its end whatever is interrupted (an LM call whose answer goes to the cache).
    @TaskLocal static var isShielded = false

    /// Asks running work to stop at its next check.
    public static func request() { requested.store(true, ordering: .sequentiallyConsistent) }

    /// Clears the request; the worker calls this before each cell.
    public static func reset() { requested.store(false, ordering: .sequentiallyConsistent) }

    /// Whether an interrupt has been requested, process-wide or for the current scope.
    public static var isRequested: Bool {
        !isShielded && (requested.load(ordering: .sequentiallyConsistent) || (scope?.isRequested ?? false))
    }

    /// Throws `Interrupted` when an interrupt has been requested.
    public static func check() throws {
        if isRequested { throw Interrupted() }
    }

    /// Runs `body` with `scope` as the current interruption scope.
    public static func within<T>(_ scope: InterruptionScope, _ body: () throws -> T) rethrows -> T {
        try $scope.withValue(scope, operation: body)
    }
}

/// An interrupt flag for one piece of work (a test, a request), checked along with the process-wide one.
public final class InterruptionScope: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Asks the work in this scope to stop at its next check.
    public func request() { requested.store(true, ordering: .sequentiallyConsistent) }

    /// Whether this scope was interrupted.
    public var isRequested: Bool { requested.load(ordering: .sequentiallyConsistent) }
}

/// Thrown by DSPy work that stopped because the user interrupted it.
public struct Interrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "Interrupted by the user." }
}
