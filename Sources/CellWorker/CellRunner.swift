import CellRuntime
import DSPy
import Dispatch
import JSON
import Synchronization

/// Runs one cell body at a time as a task, and stops it on interrupt.
final class CellRunner: Sendable {
    /// How the last body ended.
    enum Outcome: Sendable {
        case finished([String: JSONValue]?)
        case threw(typeName: String, description: String, interrupted: Bool)
    }

    private struct State {
        var task: Task<Void, Never>?
        var outcome: Outcome?
    }

    private let state = Mutex(State())

    /// Runs `body` to completion, blocking the calling thread (the cell's C entry point) meanwhile.
    func run(_ body: @escaping @Sendable () async throws -> [String: JSONValue]?) {
        let done = DispatchSemaphore(value: 0)
        let task = Task.detached { [self] in
            let outcome: Outcome
            do {
                outcome = .finished(try await body())
            } catch {
                let interrupted = error is Interrupted || (error is CancellationError && Interruption.isRequested)
                outcome = .threw(typeName: String(reflecting: type(of: error)), description: String(describing: error),
                                 interrupted: interrupted)
            }
            state.withLock { $0.outcome = outcome }
            done.signal()
        }
        state.withLock { $0.task = task }
        // An interrupt that came before the task was registered (the body may already have printed) finds no
        // task to cancel: cancel it here.
        if Interruption.isRequested { task.cancel() }
        done.wait()
        state.withLock { $0.task = nil }
    }

    /// Takes the outcome of the last body run.
    func takeOutcome() -> Outcome? {
        state.withLock { state in
            defer { state.outcome = nil }
            return state.outcome
        }
    }

    /// Asks the running cell to stop: DSPy work checks `Interruption`, `await`s see the cancellation.
    func interrupt() {
        Interruption.request()
        state.withLock { $0.task?.cancel() }
    }
}
