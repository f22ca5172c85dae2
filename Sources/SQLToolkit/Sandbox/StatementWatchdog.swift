import Dispatch
import Foundation
import Synchronization

/// Stops statements at their deadline, from a thread of its own.
///
/// SQLite's progress handler runs only once every so many virtual-machine instructions, so a statement whose
/// instructions are each slow (a long `instr()` on every row) could run far past a deadline checked there. The
/// watchdog calls a statement's `onExpiry` (which interrupts its connection) within `tick` of the deadline, and
/// SQLite stops at the next instruction. While nothing is watched, the thread sleeps.
final class StatementWatchdog: Sendable {
    /// The watchdog every sandbox shares.
    static let shared = StatementWatchdog()
    /// How often the thread compares deadlines with the clock while something is watched.
    static let tick: Duration = .milliseconds(5)

    private struct Watch {
        var deadline: ContinuousClock.Instant
        var onExpiry: @Sendable () -> Void
    }

    private struct State {
        var watches: [Int: Watch] = [:]
        var nextID = 0
        var hasThread = false
        var isSleeping = false
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    /// Runs `body`; if it is still running at `deadline`, `onExpiry` is called once, on the watchdog's thread,
    /// before `body` returns (so whatever `onExpiry` interrupts is still alive).
    func watch<T, E: Error>(until deadline: ContinuousClock.Instant, onExpiry: @escaping @Sendable () -> Void,
                            _ body: () throws(E) -> T) throws(E) -> T {
        let (id, startThread, resumeThread) = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.watches[id] = Watch(deadline: deadline, onExpiry: onExpiry)
            let start = !state.hasThread
            let resume = state.isSleeping
            state.hasThread = true
            state.isSleeping = false
            return (id, start, resume)
        }
        if startThread { Thread.detachNewThread { [self] in run() } }
        if resumeThread { wake.signal() }
        defer { state.withLock { _ = $0.watches.removeValue(forKey: id) } }
        return try body()
    }

    private func run() {
        let tick = Double(Self.tick.components.attoseconds) / 1e18
        while true {
            let sleep = state.withLock { state in
                let now = ContinuousClock.now
                for (id, watch) in state.watches where watch.deadline <= now {
                    state.watches[id] = nil
                    // Under the lock: the watched body cannot return (and free what it runs) meanwhile.
                    watch.onExpiry()
                }
                state.isSleeping = state.watches.isEmpty
                return state.isSleeping
            }
            if sleep { wake.wait() } else { Thread.sleep(forTimeInterval: tick) }
        }
    }
}
