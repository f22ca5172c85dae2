/// Added latency and injected failures, for testing clients' retries and timeouts.
///
/// Set for the whole server by flags; a request may ask for one with headers (`X-Fault`, `X-Latency-Ms`), which
/// take precedence.
public struct FaultPolicy: Sendable, Hashable {
    /// Latency added to every completion, in milliseconds.
    public var latencyMs: Int
    /// Extra random latency, uniform in 0…`latencyJitterMs`.
    public var latencyJitterMs: Int
    /// Share (0…1) of completions answered 429 with Retry-After.
    public var rate429: Double
    /// Share (0…1) of completions answered 500.
    public var rate500: Double
    /// The Retry-After value, in seconds, sent with 429s.
    public var retryAfterSeconds: Int
    /// How long a `timeout` fault holds the request before answering 504.
    public var hangSeconds: Double
    /// Seed of the random draws (latency jitter, fault rates); nil draws from the system.
    public var seed: UInt64?

    public init(latencyMs: Int = 0, latencyJitterMs: Int = 0, rate429: Double = 0, rate500: Double = 0,
                retryAfterSeconds: Int = 1, hangSeconds: Double = 30, seed: UInt64? = nil) {
        self.latencyMs = latencyMs
        self.latencyJitterMs = latencyJitterMs
        self.rate429 = rate429
        self.rate500 = rate500
        self.retryAfterSeconds = retryAfterSeconds
        self.hangSeconds = hangSeconds
        self.seed = seed
    }
}

/// One injected failure.
enum Fault: String, Sendable, CaseIterable {
    /// 429 with Retry-After.
    case rateLimited = "429"
    /// 500 server error.
    case serverError = "500"
    /// Hold the request `hangSeconds`, then 504.
    case timeout
    /// A 200 whose JSON body is cut in half.
    case truncate
    /// A 200 whose body is not JSON.
    case malformed
}
