import DSPy
import Foundation

extension CellRunner {
    /// How an interrupt stops a cell, step by step.
    struct InterruptPolicy: Sendable {
        /// How long the cell may take to stop by itself (DSPy work and `await`s see the request).
        var cooperativeGrace: Duration = .milliseconds(300)
        /// Until when, after the interrupt, parking the cell's thread is tried; then the host stops the worker.
        var parkingDeadline: Duration = .milliseconds(1500)
        /// How many parked threads the worker may hold; beyond that an interrupt restarts the worker.
        var maximumParked = 32
    }

    /// Stops the running cell: first cooperatively, then by taking its thread away, keeping every value
    /// earlier cells left. Blocks the calling thread (the interrupt listener) until the cell stopped or
    /// the policy's deadline passed; the host stops the worker when a cell did not stop.
    func interrupt(policy: InterruptPolicy = InterruptPolicy()) {
        let start = ContinuousClock.now
        Interruption.request()
        state.withLock { $0.task?.cancel() }
        // The cell may have started just before the interrupt; give it the grace period to register its task.
        var run: Run?
        while ContinuousClock.now < start + policy.cooperativeGrace {
            usleep(5_000)
            let current = state.withLock { state in
                state.task?.cancel()
                return state.current
            }
            if run == nil { run = current } else if current?.id != run?.id { return }
        }
        guard let run, isRunning(run) else { return }
        if run.thread.retireIfIdle() {
            // The task waits on something that ignores cancellation: it is left suspended for good.
            stopped(run, how: "it was waiting; it will not resume")
            return
        }
        guard ThreadParking.parkedCount < policy.maximumParked else {
            FileHandle.standardError.write(Data("swift-dspy-worker: \(ThreadParking.parkedCount) interrupted cells are parked already; the worker restarts to free them\n".utf8))
            return
        }
        if ThreadParking.park(run.thread.pthread, until: start + policy.parkingDeadline, while: { isRunning(run) }) {
            stopped(run, how: "its thread is parked")
        }
    }

    private func isRunning(_ run: Run) -> Bool {
        state.withLock { $0.current?.id == run.id }
    }

    /// Reports `run` interrupted and gives the next cell a new thread.
    private func stopped(_ run: Run, how: String) {
        state.withLock { state in
            if state.thread === run.thread { state.thread = nil }
            state.retired.append(run.thread)
        }
        finish(run.id, .threw(typeName: String(reflecting: Interrupted.self),
                              description: "Interrupted by the user (the cell was stopped: \(how)). Earlier cells' values are kept.",
                              interrupted: true))
    }
}
