import Dispatch
import Foundation
import Synchronization

/// Stops statements at their deadline, from a thread of its own.
///
/// SQLite's progress handler runs only once every so many virtual-machine instructions, so a statement whose
/// instructions are each slow (a long `instr()` on every row) could run far past a deadline checked there. The
/// watchdog's thread sleeps until the earliest deadline it watches and then calls that statement's `onExpiry`
/// (which interrupts its connection); SQLite stops at the next instruction. It wakes only for deadlines, not for
/// every statement: statements that end in time cost a lock and a dictionary entry.
final class StatementWatchdog: Sendable {
    /// The watchdog every sandbox shares.
    static let shared = StatementWatchdog()

    private struct Watch {
        var deadline: ContinuousClock.Instant
        var onExpiry: @Sendable () -> Void
    }

    private struct State {
        var watches: [Int: Watch] = [:]
        var nextID = 0
        var hasThread = false
        /// When the thread will next look at the watches; nil while it sleeps until woken.
        var wakeAt: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    /// Runs `body`; if it is still running at `deadline`, `onExpiry` is called once, on the watchdog's thread,
    /// before `body` returns (so whatever `onExpiry` interrupts is still alive).
    func watch<T, E: Error>(until deadline: ContinuousClock.Instant, onExpiry: @escaping @Sendable () -> Void,
                            _ body: () throws(E) -> T) throws(E) -> T {
        let (id, startThread, wakeThread) = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.watches[id] = Watch(deadline: deadline, onExpiry: onExpiry)
            let start = !state.hasThread
            state.hasThread = true
            let isEarlier = state.wakeAt.map { deadline < $0 } ?? true
            if isEarlier { state.wakeAt = deadline }
            return (id, start, isEarlier && !start)
        }
        if startThread { Thread.detachNewThread { [self] in run() } }
        if wakeThread { wake.signal() }
        defer { state.withLock { _ = $0.watches.removeValue(forKey: id) } }
        return try body()
    }

    private func run() {
        while true {
            let next = state.withLock { state in
                let now = ContinuousClock.now
                for (id, watch) in state.watches where watch.deadline <= now {
                    state.watches[id] = nil
                    // Under the lock: the watched body cannot return (and free what it runs) meanwhile.
                    watch.onExpiry()
                }
                state.wakeAt = state.watches.values.map(\.deadline).min()
                return state.wakeAt.map { $0 - now }
            }
            if let next {
                _ = wake.wait(timeout: .now() + .nanoseconds(Int(next / .nanoseconds(1))))
            } else {
                wake.wait()
            }
        }
    }
}
