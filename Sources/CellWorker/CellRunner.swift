import CellRuntime
import DSPy
import Dispatch
import JSON
import Synchronization

/// Runs one cell body at a time, as a task on a `CellThread`, and stops it on interrupt (see
/// `CellRunner+Interrupt.swift`).
final class CellRunner: Sendable {
    /// How the last body ended.
    enum Outcome: Sendable {
        case finished([String: JSONValue]?)
        case threw(typeName: String, description: String, interrupted: Bool)
    }

    /// The cell running now.
    struct Run: Sendable {
        let id: Int
        let thread: CellThread
        let done: DispatchSemaphore
    }

    struct State {
        var nextID = 1
        var current: Run?
        /// The current run's task, once created (the task may finish before it is stored here).
        var task: Task<Void, Never>?
        var outcome: Outcome?
        /// The thread the next cell runs on; replaced when an interrupt took it away from a cell.
        var thread: CellThread?
        /// Threads taken away from interrupted cells, kept alive: their tasks still name them as executors.
        var retired: [CellThread] = []
    }

    let state = Mutex(State())

    /// Runs `body` to completion (or until an interrupt stops it), blocking the calling thread (the cell's C
    /// entry point) meanwhile.
    func run(_ body: @escaping @Sendable () async throws -> [String: JSONValue]?) {
        let done = DispatchSemaphore(value: 0)
        let (id, thread) = state.withLock { state -> (Int, CellThread) in
            defer { state.nextID += 1 }
            let thread = state.thread ?? CellThread()
            state.thread = thread
            state.outcome = nil
            state.current = Run(id: state.nextID, thread: thread, done: done)
            return (state.nextID, thread)
        }
        let task = Task(executorPreference: thread) { [self] in
            let outcome: Outcome
            do {
                outcome = .finished(try await body())
            } catch {
                let interrupted = error is Interrupted || (error is CancellationError && Interruption.isRequested)
                outcome = .threw(typeName: String(reflecting: type(of: error)), description: String(describing: error),
                                 interrupted: interrupted)
            }
            finish(id, outcome)
        }
        state.withLock { state in
            if state.current?.id == id { state.task = task }
        }
        // An interrupt that came before the task was registered (the body may already have printed) finds no
        // task to cancel: cancel it here.
        if Interruption.isRequested { task.cancel() }
        done.wait()
    }

    /// Ends run `id` with `outcome`, unless it already ended (an interrupt and the body may race).
    func finish(_ id: Int, _ outcome: Outcome) {
        let done = state.withLock { state -> DispatchSemaphore? in
            guard let run = state.current, run.id == id else { return nil }
            state.current = nil
            state.task = nil
            state.outcome = outcome
            return run.done
        }
        done?.signal()
    }

    /// Takes the outcome of the last body run.
    func takeOutcome() -> Outcome? {
        state.withLock { state in
            defer { state.outcome = nil }
            return state.outcome
        }
    }
}
