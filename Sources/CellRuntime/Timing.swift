/// How long a piece of code takes, as `%timeit` reports it.
public struct TimingReport: CustomStringConvertible, Sendable {
    /// Runs of the body per measurement.
    public var loops: Int
    /// The time per loop of each of the measurements.
    public var perLoop: [Duration]

    /// The mean time per loop.
    public var mean: Duration { perLoop.reduce(.zero, +) / perLoop.count }
    /// The fastest measurement's time per loop.
    public var best: Duration { perLoop.min() ?? .zero }

    public var description: String {
        "\(Self.format(mean)) per loop (mean of \(perLoop.count) runs, \(loops) loop\(loops == 1 ? "" : "s") each; best \(Self.format(best)))"
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        switch seconds {
        case ..<1e-6: return "\(rounded(seconds * 1e9)) ns"
        case ..<1e-3: return "\(rounded(seconds * 1e6)) µs"
        case ..<1: return "\(rounded(seconds * 1e3)) ms"
        default: return "\(rounded(seconds)) s"
        }
    }

    private static func rounded(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }
}

/// Times `body` as IPython's `%timeit` does: enough loops per run to take at least 0.2 s (at most a
/// million), then `runs` runs.
public func timeit(runs: Int = 7, _ body: () throws -> Void) rethrows -> TimingReport {
    let clock = ContinuousClock()
    var loops = 1
    while true {
        let elapsed = try clock.measure { for _ in 0..<loops { try body() } }
        if elapsed >= .milliseconds(200) || loops >= 1_000_000 { break }
        loops *= 10
    }
    var perLoop: [Duration] = []
    for _ in 0..<max(1, runs) {
        let elapsed = try clock.measure { for _ in 0..<loops { try body() } }
        perLoop.append(elapsed / loops)
    }
    return TimingReport(loops: loops, perLoop: perLoop)
}
