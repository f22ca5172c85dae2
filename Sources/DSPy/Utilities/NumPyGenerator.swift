import Foundation

/// NumPy's `np.random.default_rng(seed)`, bit for bit: a PCG64 generator seeded through `SeedSequence`, with the
/// draws DSPy makes from it (`random()`, `poisson(lam)`).
///
/// SIMBA draws how many demos to drop with `rng_np.poisson(...)`; reproducing its schedule needs NumPy's own
/// seeding (SeedSequence's hash mixing of the seed's 32-bit words), PCG64's 128-bit LCG with the XSL-RR output,
/// and the algorithms of `numpy/random/src/distributions/distributions.c`.
public struct NumPyGenerator: Sendable {
    private static let multiplier: UInt128 = (2_549_297_995_355_413_924 << 64) | 4_865_540_595_714_422_341
    private var state: UInt128 = 0
    private let increment: UInt128

    /// Seeds as `np.random.default_rng(seed)` does for a non-negative integer seed.
    public init(seed: UInt64) {
        let words = SeedSequence(entropy: seed).generateState(words32: 8)
        let seeds = stride(from: 0, to: 8, by: 2).map { UInt64(words[$0]) | UInt64(words[$0 + 1]) << 32 }
        let initialState = UInt128(seeds[0]) << 64 | UInt128(seeds[1])
        let sequence = UInt128(seeds[2]) << 64 | UInt128(seeds[3])
        increment = sequence << 1 | 1
        step()
        state &+= initialState
        step()
    }

    private mutating func step() {
        state = state &* Self.multiplier &+ increment
    }

    /// The next 64 random bits (`next_uint64`): a step, then XSL-RR of the new state.
    public mutating func nextUInt64() -> UInt64 {
        step()
        let folded = UInt64(truncatingIfNeeded: state >> 64) ^ UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        return folded >> rotation | folded << ((64 &- rotation) & 63)
    }

    /// A float in [0, 1) from the top 53 bits, as `Generator.random()`.
    public mutating func random() -> Double {
        Double(nextUInt64() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A Poisson draw with mean `lam` ≥ 0, as `Generator.poisson(lam)`: multiplication of uniforms below 10,
    /// Hörmann's PTRS from 10 on.
    public mutating func poisson(_ lam: Double) -> Int {
        if lam >= 10 { return poissonPTRS(lam) }
        if lam == 0 { return 0 }
        let limit = exp(-lam)
        var count = 0, product = 1.0
        while true {
            product *= random()
            if product > limit { count += 1 } else { return count }
        }
    }

    private mutating func poissonPTRS(_ lam: Double) -> Int {
        let slam = lam.squareRoot(), loglam = log(lam)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = random() - 0.5, v = random()
            let us = 0.5 - abs(u)
            let k = Int(((2 * a / us + b) * u + lam + 0.43).rounded(.down))
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invalpha) - log(a / (us * us) + b) <= -lam + Double(k) * loglam - Self.logGamma(Double(k + 1)) {
                return k
            }
        }
    }

    /// NumPy's `random_loggam` (not libm's `lgamma`: the PTRS acceptance test depends on its exact bits).
    static func logGamma(_ x: Double) -> Double {
        let coefficients = [
            8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
            8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
            1.796443723688307e-01, -1.39243221690590e+00,
        ]
        if x == 1 || x == 2 { return 0 }
        let n = x < 7 ? Int(7 - x) : 0
        var x0 = x + Double(n)
        let x2 = (1.0 / x0) * (1.0 / x0)
        var gl0 = coefficients[9]
        for k in stride(from: 8, through: 0, by: -1) {
            gl0 *= x2
            gl0 += coefficients[k]
        }
        var gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * log(x0) - x0
        if x < 7 {
            for _ in 0..<n {
                gl -= log(x0 - 1.0)
                x0 -= 1.0
            }
        }
        return gl
    }
}

/// NumPy's `SeedSequence` for one integer of entropy, no spawn key, the default pool of four 32-bit words.
struct SeedSequence {
    private static let initA: UInt32 = 0x43b0_d7e5, multA: UInt32 = 0x931e_8875
    private static let initB: UInt32 = 0x8b51_f9dd, multB: UInt32 = 0x58f3_8ded
    private static let mixMultL: UInt32 = 0xca01_f9dd, mixMultR: UInt32 = 0x4973_f715
    private(set) var pool = [UInt32](repeating: 0, count: 4)

    init(entropy: UInt64) {
        var words = [UInt32(truncatingIfNeeded: entropy)]
        if entropy >> 32 != 0 { words.append(UInt32(truncatingIfNeeded: entropy >> 32)) }
        var hashConstant = Self.initA
        func hashmix(_ value: UInt32) -> UInt32 {
            var value = value ^ hashConstant
            hashConstant = hashConstant &* Self.multA
            value = value &* hashConstant
            return value ^ (value >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = Self.mixMultL &* x &- Self.mixMultR &* y
            return result ^ (result >> 16)
        }
        for i in pool.indices { pool[i] = hashmix(i < words.count ? words[i] : 0) }
        for source in pool.indices {
            for destination in pool.indices where source != destination {
                pool[destination] = mix(pool[destination], hashmix(pool[source]))
            }
        }
    }

    /// `generate_state(n)` as 32-bit words (two per `uint64`, low word first).
    func generateState(words32 count: Int) -> [UInt32] {
        var hashConstant = Self.initB
        return (0..<count).map { index in
            var value = pool[index % pool.count] ^ hashConstant
            hashConstant = hashConstant &* Self.multB
            value = value &* hashConstant
            return value ^ (value >> 16)
        }
    }
}
