import Dispatch
import Foundation
import Synchronization

/// A thread of its own that runs one cell at a time: the executor cells' tasks prefer (SE-0417), so that their
/// synchronous code never runs on (and never blocks, or loses) a thread of Swift's small cooperative pool.
///
/// An interrupt that cannot stop the cell cooperatively takes the thread away from it: `retireIfIdle()` when the
/// cell's task is suspended (its later jobs are never run), or parking (see `ThreadParking`) when it runs. Either
/// way the next cell gets a new `CellThread`, and every value earlier cells left stays in the process.
final class CellThread: TaskExecutor, Sendable {
    private struct Queue {
        var jobs: [UnownedJob] = []
        /// Whether the thread is inside a job now.
        var isRunningJob = false
        /// Set once the thread was taken away from its cell: no more jobs run.
        var isRetired = false
    }

    private let queue = Mutex(Queue())
    private let jobsWaiting = DispatchSemaphore(value: 0)
    private let started = DispatchSemaphore(value: 0)
    /// The thread's pthread id (an integer on Linux), for signalling it; set by the thread before `init` returns.
    private let threadID = Atomic<pthread_t>(0)

    init() {
        let thread = Thread { [self] in
            threadID.store(pthread_self(), ordering: .releasing)
            started.signal()
            serve()
        }
        // As large as the main thread's: cells recurse as deeply as a script would.
        thread.stackSize = 8 << 20
        thread.name = "cell"
        thread.start()
        started.wait()
    }

    /// The pthread the cell runs on.
    var pthread: pthread_t { threadID.load(ordering: .acquiring) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
        jobsWaiting.signal()
    }

    /// Whether a job of the cell runs on the thread now (false while the cell's task is suspended).
    var isRunningJob: Bool { queue.withLock { $0.isRunningJob } }

    /// Takes the thread away from its cell if no job runs now: the jobs waiting and any enqueued later are
    /// never run, so a suspended task stays suspended for good. False when a job is running.
    func retireIfIdle() -> Bool {
        let retired = queue.withLock { queue -> Bool in
            guard !queue.isRunningJob else { return false }
            queue.isRetired = true
            return true
        }
        if retired { jobsWaiting.signal() }
        return retired
    }

    private func serve() {
        while true {
            jobsWaiting.wait()
            let next = queue.withLock { queue -> UnownedJob? in
                guard !queue.isRetired, !queue.jobs.isEmpty else { return nil }
                queue.isRunningJob = true
                return queue.jobs.removeFirst()
            }
            guard let next else {
                if queue.withLock({ $0.isRetired }) { return }
                continue
            }
            next.runSynchronously(on: asUnownedTaskExecutor())
            queue.withLock { $0.isRunningJob = false }
        }
    }
}
