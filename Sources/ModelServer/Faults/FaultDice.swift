import OfflineModel

/// Draws latency and faults for each request from the policy, reproducibly when the policy has a seed.
actor FaultDice {
    private let policy: FaultPolicy
    private var seeded: SplitMix64?
    private var system = SystemRandomNumberGenerator()

    init(policy: FaultPolicy) {
        self.policy = policy
        seeded = policy.seed.map(SplitMix64.init)
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
