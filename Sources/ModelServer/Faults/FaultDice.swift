/// Draws latency and faults for each request from the policy, reproducibly when the policy has a seed.
actor FaultDice {
    private let policy: FaultPolicy
    private var seeded: SeededGenerator?
    private var system = SystemRandomNumberGenerator()

    init(policy: FaultPolicy) {
        self.policy = policy
        seeded = policy.seed.map(SeededGenerator.init)
    }

    /// The latency to add, in milliseconds, and the fault to inject, if any.
    func draw() -> (latencyMs: Int, fault: Fault?) {
        let jitter = policy.latencyJitterMs > 0 ? Int(uniform() * Double(policy.latencyJitterMs + 1)) : 0
        let roll = uniform()
        let fault: Fault? = roll < policy.rate429 ? .rateLimited
            : roll < policy.rate429 + policy.rate500 ? .serverError : nil
        return (policy.latencyMs + jitter, fault)
    }

    private func uniform() -> Double {
        let bits = seeded != nil ? seeded!.next() : system.next()
        return Double(bits >> 11) / Double(1 << 53)
    }
}

/// SplitMix64: small, seedable and the same everywhere.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
