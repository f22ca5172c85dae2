import Digests
import Foundation

/// Python's `random.Random`, bit for bit: the same seed gives the same draws as CPython 3.
///
/// DSPy picks demos, shuffles training sets and splits datasets with `random.Random(seed)`; reproducing its
/// choices therefore needs CPython's Mersenne Twister, its seeding from an integer (`init_by_array` over the
/// seed's absolute value in 32-bit words) and the exact algorithms of `shuffle`, `sample`, `randrange` and
/// friends, which consume the generator in a particular order.
public struct PythonRandom: Sendable {
    private static let stateSize = 624
    private static let shiftSize = 397

    private var state = [UInt32](repeating: 0, count: PythonRandom.stateSize)
    private var index = PythonRandom.stateSize + 1

    /// Seeds as `random.Random(seed)` does; negative seeds use their absolute value, as CPython does.
    public init(seed: Int) {
        self.init(seedMagnitudeWords: Self.words(of: seed.magnitude))
    }

    /// Seeds with an integer given as its absolute value in little-endian 32-bit words, for seeds beyond `Int`.
    public init(seedMagnitudeWords words: [UInt32]) {
        var key = words
        while key.count > 1, key.last == 0 { key.removeLast() }
        initByArray(key.isEmpty ? [0] : key)
    }

    /// Seeds as `random.Random(text)` does (version 2): with the integer whose big-endian bytes are the text's
    /// UTF-8 followed by their SHA-512.
    public init(seed text: String) {
        let bytes = Array(text.utf8) + Array(SHA512.hash(data: Array(text.utf8)))
        // Little-endian 32-bit words of a big-endian byte string: read it from the end, four bytes at a time.
        let words = stride(from: bytes.count, to: 0, by: -4).map { end in
            bytes[max(0, end - 4)..<end].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        self.init(seedMagnitudeWords: words)
    }

    /// Seeds the twister with `init_genrand(seed)` alone, as NumPy's legacy `RandomState(seed)` does.
    init(genrandSeed seed: UInt32) {
        initGenrand(seed)
    }

    /// Re-seeds in place, like `random.seed(seed)`.
    public mutating func seed(_ seed: Int) {
        self = PythonRandom(seed: seed)
    }

    private static func words(of value: UInt) -> [UInt32] {
        var words: [UInt32] = []
        var rest = value
        repeat {
            words.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        } while rest != 0
        return words
    }

    private mutating func initGenrand(_ seed: UInt32) {
        state[0] = seed
        for i in 1..<Self.stateSize {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        index = Self.stateSize
    }

    private mutating func initByArray(_ key: [UInt32]) {
        let n = Self.stateSize
        initGenrand(19_650_218)
        var i = 1
        var j = 0
        for _ in 0..<max(n, key.count) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= n { state[0] = state[n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { state[0] = state[n - 1]; i = 1 }
        }
        state[0] = 0x8000_0000
    }

    private mutating func twist() {
        let n = Self.stateSize
        let m = Self.shiftSize
        for k in 0..<n {
            let y = (state[k] & 0x8000_0000) | (state[(k + 1) % n] & 0x7fff_ffff)
            state[k] = state[(k + m) % n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_b0df)
        }
        index = 0
    }

    /// The next raw 32-bit output of the twister (CPython's `genrand_uint32`).
    public mutating func nextUInt32() -> UInt32 {
        if index >= Self.stateSize { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A float in [0, 1) with 53 random bits, like `random()`.
    public mutating func random() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A non-negative integer with `k` random bits, like `getrandbits(k)`.
    /// - Throws: `PythonRandomError.bitCountOutOfRange` unless 0 ≤ k ≤ 64.
    public mutating func getrandbits(_ k: Int) throws(PythonRandomError) -> UInt64 {
        guard (0...64).contains(k) else { throw .bitCountOutOfRange(k) }
        return bits(k)
    }

    private mutating func bits(_ k: Int) -> UInt64 {
        if k == 0 { return 0 }
        if k <= 32 { return UInt64(nextUInt32() >> (32 - k)) }
        // CPython fills 32-bit words least significant first and drops the low bits of the last word.
        let low = UInt64(nextUInt32())
        let high = UInt64(nextUInt32() >> (64 - k))
        return low | (high << 32)
    }

    /// A random integer in [0, n) by rejection sampling, like `_randbelow_with_getrandbits`; callers ensure n > 0.
    mutating func randbelow(_ n: Int) -> Int {
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = bits(k)
        while r >= UInt64(n) { r = bits(k) }
        return Int(r)
    }
}
