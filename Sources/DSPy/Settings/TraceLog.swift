import JSON
import Synchronization

/// One predictor call recorded while a trace is active: who was called, with what, and what came back.
public struct TraceEntry: Sendable {
    public let predictor: Predict
    public let inputs: Example
    public let prediction: Prediction
}

/// A thread-safe list of predictor calls, filled while bound with `context(trace:)` (Python's `settings.trace`).
public final class TraceLog: Sendable {
    private let entries = Mutex<[TraceEntry]>([])
    /// The most entries kept; older ones are dropped first (Python's `max_trace_size`).
    public let maxSize: Int

    public init(maxSize: Int = 10_000) {
        self.maxSize = maxSize
    }

    /// Records one call.
    public func append(_ entry: TraceEntry) {
        entries.withLock { entries in
            if entries.count >= maxSize { entries.removeFirst() }
            entries.append(entry)
        }
    }

    /// The calls recorded so far, oldest first.
    public var all: [TraceEntry] { entries.withLock { $0 } }
}
