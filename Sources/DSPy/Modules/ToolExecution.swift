import Foundation
import JSON
import Synchronization

/// Runs a tool's function apart from the waiting caller, so that a timeout or an interrupt ends the wait: a
/// synchronous function on a thread of its own, an async one as a task (cancelled when abandoned), on a thread of
/// its own when the caller waits synchronously. A function
/// that never returns is abandoned, not stopped: its thread or task is left to finish on its own.
enum ToolExecution {
    /// Waits on the caller's thread, in short slices, for `body` (async) or `synchronous`.
    static func run(
        tool: String, timeout: Double?, synchronous: (@Sendable () throws -> JSONValue)? = nil,
        _ body: @escaping @Sendable () async throws -> JSONValue
    ) throws -> JSONValue {
        let outcome = Outcome()
        let task: Task<Void, Never>?
        if let synchronous {
            task = nil
            let thread = Thread { outcome.finish(Result { try synchronous() }) }
            thread.start()
        } else {
            // On a thread of its own, not the cooperative pool: the caller may hold one of the pool's few threads,
            // and with every one of them waiting like this, a pool task would never run.
            let executor = CallThread()
            task = Task(executorPreference: executor) {
                defer { executor.finish() }
                do { outcome.finish(.success(try await body())) } catch { outcome.finish(.failure(error)) }
            }
        }
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            if let result = outcome.wait(seconds: 0.05) { return try result.get() }
            if Interruption.isRequested {
                task?.cancel()
                throw Interrupted()
            }
            if let deadline, let timeout, Date() >= deadline {
                task?.cancel()
                throw ToolError.timedOut(tool: tool, seconds: timeout)
            }
        }
    }

    /// The async form: whichever comes first of `body` and the timeout.
    static func run(tool: String, timeout: Double, _ body: @escaping @Sendable () async throws -> JSONValue) async throws -> JSONValue {
        let outcome = Outcome()
        let work = Task.detached {
            do { outcome.finish(.success(try await body())) } catch { outcome.finish(.failure(error)) }
        }
        let timer = Task.detached {
            try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
            outcome.finish(.failure(ToolError.timedOut(tool: tool, seconds: timeout)))
        }
        let result = await outcome.value()
        work.cancel()
        timer.cancel()
        return try result.get()
    }

    /// A thread that runs one call's task (its preferred executor, SE-0417) and ends with it.
    private final class CallThread: TaskExecutor, Sendable {
        private let jobs = Mutex<(waiting: [UnownedJob], finished: Bool)>(([], false))
        private let ready = DispatchSemaphore(value: 0)

        init() {
            Thread.detachNewThread { [self] in serve() }
        }

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            jobs.withLock { $0.waiting.append(job) }
            ready.signal()
        }

        /// Ends the thread once the jobs enqueued so far have run.
        func finish() {
            jobs.withLock { $0.finished = true }
            ready.signal()
        }

        private func serve() {
            while true {
                ready.wait()
                while let job = jobs.withLock({ $0.waiting.isEmpty ? nil : $0.waiting.removeFirst() }) {
                    job.runSynchronously(on: asUnownedTaskExecutor())
                }
                if jobs.withLock({ $0.finished && $0.waiting.isEmpty }) { return }
            }
        }
    }

    /// The first result delivered; later ones are dropped.
    private final class Outcome: Sendable {
        private let state = Mutex<(result: Result<JSONValue, any Error>?, waiters: [CheckedContinuation<Result<JSONValue, any Error>, Never>])>((nil, []))
        private let semaphore = DispatchSemaphore(value: 0)

        func finish(_ result: Result<JSONValue, any Error>) {
            let waiters = state.withLock { state -> [CheckedContinuation<Result<JSONValue, any Error>, Never>]? in
                guard state.result == nil else { return nil }
                state.result = result
                defer { state.waiters = [] }
                return state.waiters
            }
            guard let waiters else { return }
            semaphore.signal()
            for waiter in waiters { waiter.resume(returning: result) }
        }

        func wait(seconds: Double) -> Result<JSONValue, any Error>? {
            guard semaphore.wait(timeout: .now() + seconds) == .success else { return nil }
            semaphore.signal()
            return state.withLock { $0.result }
        }

        func value() async -> Result<JSONValue, any Error> {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Result<JSONValue, any Error>? in
                    if let result = state.result { return result }
                    state.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
