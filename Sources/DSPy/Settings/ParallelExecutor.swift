import Foundation
import Synchronization

/// Runs work items on a bounded number of threads, for Evaluate, the optimizers and `Parallel`.
///
/// Each worker thread runs with the caller's settings (so `context(lm:)` overrides reach it), checks
/// `Interruption` before each item, and results come back in input order, each a success or the item's error.
public struct ParallelExecutor: Sendable {
    /// The most threads used at once.
    public var numThreads: Int
    /// After this many failed items no new item starts and `run` throws `ParallelError.tooManyErrors`;
    /// `nil` never stops early.
    public var maxErrors: Int?

    public init(numThreads: Int? = nil, maxErrors: Int? = nil) {
        self.numThreads = max(1, numThreads ?? Settings.current.numThreads)
        self.maxErrors = maxErrors
    }

    /// Runs `body` on every item; `onResult` (optional) hears each finished item, from the worker thread.
    ///
    /// - Returns: one result per item, in input order.
    /// - Throws: `Interrupted` when an interrupt was requested, `ParallelError.tooManyErrors` past `maxErrors`.
    public func run<Item: Sendable, Output: Sendable>(
        _ items: [Item],
        onResult: (@Sendable (_ index: Int, _ result: Result<Output, any Error>) -> Void)? = nil,
        _ body: @escaping @Sendable (Item) throws -> Output
    ) throws -> [Result<Output, any Error>] {
        let box = RunBox<Output>(count: items.count)
        let settings = Settings.current
        let scope = Interruption.scope
        let usage = UsageTracker.current
        let maxErrors = self.maxErrors

        let work: @Sendable () -> Void = {
            Interruption.$scope.withValue(scope) {
                UsageTracker.$current.withValue(usage) {
                    Settings.with(settings) {
                        while let index = box.nextIndex(count: items.count) {
                            let result = Result { try body(items[index]) }
                            box.record(result, at: index, maxErrors: maxErrors)
                            onResult?(index, result)
                        }
                    }
                }
            }
        }

        let threads = min(numThreads, items.count)
        if threads <= 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                let thread = Thread {
                    work()
                    group.leave()
                }
                thread.stackSize = 4 << 20
                thread.start()
            }
            group.wait()
        }

        return try box.state.withLock { state in
            if state.stopped && Interruption.isRequested { throw Interrupted() }
            if let maxErrors, state.errors >= maxErrors, let lastError = state.lastError {
                throw ParallelError.tooManyErrors(count: state.errors, lastError: lastError)
            }
            return state.results.map { $0! }
        }
    }

    /// Runs `body` on every item and returns the outputs in input order, throwing the first item's error.
    public func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) throws -> Output
    ) throws -> [Output] {
        try run(items, body).map { try $0.get() }
    }
}

/// Shares the run's state with the worker threads.
private final class RunBox<Output: Sendable>: Sendable {
    let state: Mutex<RunState<Output>>

    init(count: Int) { state = Mutex(RunState(count: count)) }

    /// The next item to run, or `nil` when all started, the run stopped, or an interrupt was requested.
    func nextIndex(count: Int) -> Int? {
        state.withLock { state in
            guard !state.stopped, state.next < count else { return nil }
            if Interruption.isRequested { state.stopped = true; return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func record(_ result: Result<Output, any Error>, at index: Int, maxErrors: Int?) {
        state.withLock { state in
            state.results[index] = result
            if case .failure(let error) = result {
                state.errors += 1
                state.lastError = error
                if let maxErrors, state.errors >= maxErrors { state.stopped = true }
            }
        }
    }
}

private struct RunState<Output: Sendable> {
    var next = 0
    var stopped = false
    var errors = 0
    var lastError: (any Error)?
    var results: [Result<Output, any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }
}

/// Why parallel work stopped early.
public enum ParallelError: Error, CustomStringConvertible {
    /// `maxErrors` items failed; `lastError` is the most recent.
    case tooManyErrors(count: Int, lastError: any Error)

    public var description: String {
        switch self {
        case .tooManyErrors(let count, let lastError):
            "Execution cancelled after \(count) errors; the last one: \(lastError)"
        }
    }
}
