import JSON
import Synchronization

/// Adds up the token usage of the LM calls made while it is bound (DSPy's `dspy.track_usage()`).
///
/// ```swift
/// let (prediction, usage) = try trackUsage { try program(question: "...") }
/// print(usage.totalTokens["openai/gpt-4o-mini"]?["total_tokens"])
/// ```
/// Cache hits add nothing. Work started on other threads inside the scope reports here too when it runs
/// through DSPy's `ParallelExecutor`, which rebinds `UsageTracker.current` on its workers.
public final class UsageTracker: Sendable {
    /// The tracker bound around the current work, if any.
    @TaskLocal public static var current: UsageTracker?

    private let totals = Mutex<[String: [String: JSONValue]]>([:])

    public init() {}

    /// Adds one call's usage for `model`.
    public func add(model: String, usage: [String: JSONValue]) {
        totals.withLock { $0[model] = UsageTracker.merged($0[model] ?? [:], usage) }
    }

    /// The summed usage per model, e.g. `["openai/x": ["prompt_tokens": 12, "completion_tokens": 3, ...]]`.
    public var totalTokens: [String: [String: JSONValue]] { totals.withLock { $0 } }

    /// Sums two usage records as DSPy does: numbers add up, nested objects merge, anything else is replaced.
    static func merged(_ left: [String: JSONValue], _ right: [String: JSONValue]) -> [String: JSONValue] {
        if left.isEmpty { return right }
        var result = left
        for (key, value) in right {
            switch (result[key], value) {
            case (.int(let a)?, .int(let b)): result[key] = .int(a + b)
            case (let a?, _) where a.doubleValue != nil && value.doubleValue != nil:
                result[key] = .double(a.doubleValue! + value.doubleValue!)
            case (.object(let a)?, .object(let b)): result[key] = .object(merged(a, b))
            case (nil, _), (.null?, _): result[key] = value
            default: if value != .null { result[key] = value }
            }
        }
        return result
    }
}

/// Runs `body` with a fresh `UsageTracker` bound and returns its result with the tracker.
public func trackUsage<Result>(_ body: () throws -> Result) rethrows -> (result: Result, usage: UsageTracker) {
    let tracker = UsageTracker()
    let result = try UsageTracker.$current.withValue(tracker) { try body() }
    return (result, tracker)
}
