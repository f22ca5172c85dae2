/// How to choose among the offline model's ranked candidates.
public struct Sampling: Sendable, Hashable {
    /// 0 (or less) always picks the best candidate; higher values spread choices over lower-ranked ones.
    public var temperature: Double
    /// How many answers to return.
    public var n: Int
    /// The seed of the choice at temperature > 0; when nil the prompt text itself seeds it, so equal requests agree.
    public var seed: UInt64?
    /// DSPy's rollout id: different ids give different (reproducible) draws at temperature > 0.
    public var rolloutID: Int?

    public init(temperature: Double = 0, n: Int = 1, seed: UInt64? = nil, rolloutID: Int? = nil) {
        self.temperature = temperature
        self.n = n
        self.seed = seed
        self.rolloutID = rolloutID
    }

    /// The candidate index for each of the `n` answers, given `count` ranked candidates.
    func choices(count: Int, promptText: String) -> [Int] {
        guard count > 1, temperature > 0 else { return Array(repeating: 0, count: max(1, n)) }
        var generator = SplitMix64(seed: (seed ?? Self.fnv1a(promptText)) ^ UInt64(bitPattern: Int64(rolloutID ?? 0)) &* 0x9E37_79B9_7F4A_7C15)
        let weights = (0..<count).map { rank in exp(-Double(rank) / temperature) }
        let total = weights.reduce(0, +)
        return (0..<max(1, n)).map { _ in
            var draw = Double(generator.next() >> 11) / Double(1 << 53) * total
            for (index, weight) in weights.enumerated() {
                draw -= weight
                if draw < 0 { return index }
            }
            return count - 1
        }
    }

    /// A hash that is the same in every process (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// SplitMix64: a small seeded generator, so draws are reproducible across runs and platforms.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
