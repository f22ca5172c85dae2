/// NumPy's legacy `numpy.random.RandomState(seed)`, bit for bit, for the draws Optuna's samplers make.
///
/// The generator is the same Mersenne Twister as Python's `random`, seeded differently (`init_genrand(seed)`
/// rather than `init_by_array`), and each method consumes it as NumPy's legacy algorithms do.
public struct NumPyRandomState: Sendable {
    private var twister: PythonRandom

    /// Seeds as `RandomState(seed)` does for an integer seed in [0, 2³²).
    public init(seed: UInt32) {
        twister = PythonRandom(genrandSeed: seed)
    }

    /// A float in [0, 1) with 53 random bits, like `random_sample()`.
    public mutating func randomSample() -> Double {
        twister.random()
    }

    /// `count` floats in [0, 1), like `rand(count)`.
    public mutating func rand(_ count: Int) -> [Double] {
        (0..<count).map { _ in randomSample() }
    }

    /// `low + (high − low) · random_sample()`, like `uniform(low, high)`.
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * randomSample()
    }

    /// An integer in [low, high), like `randint(low, high)`: masked rejection sampling on 32-bit draws.
    /// - Throws: `NumPyRandomError.invalidArgument` when `low >= high`.
    public mutating func randint(_ low: Int, _ high: Int) throws(NumPyRandomError) -> Int {
        guard low < high else { throw .invalidArgument("low >= high") }
        return low + Int(interval(UInt64(high - 1 - low)))
    }

    /// `size` indices in [0, count) drawn with probabilities `p`, like `choice(count, size=size, p=p)`: each is the
    /// first index whose normalized cumulative probability exceeds a `random_sample()`.
    /// - Throws: `NumPyRandomError.invalidArgument` for a `p` of the wrong length, with a negative entry, or not
    ///   summing to 1 within √ε, as NumPy refuses them.
    public mutating func choice(_ count: Int, size: Int, p: [Double]) throws(NumPyRandomError) -> [Int] {
        guard p.count == count, count > 0 else { throw .invalidArgument("a and p must have same size") }
        guard p.allSatisfy({ $0 >= 0 }) else { throw .invalidArgument("probabilities are not non-negative") }
        guard abs(Self.kahanSum(p) - 1) <= Double.ulpOfOne.squareRoot() else {
            throw .invalidArgument("probabilities do not sum to 1")
        }
        var cdf = p
        for i in cdf.indices.dropFirst() { cdf[i] += cdf[i - 1] }
        let total = cdf[cdf.count - 1]
        cdf = cdf.map { $0 / total }
        return (0..<size).map { _ in
            let u = randomSample()
            var low = 0, high = cdf.count
            while low < high {
                let middle = (low + high) / 2
                if cdf[middle] <= u { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// Shuffles in place, like `shuffle(x)` on a list: from the end, each element swapped with one at or before it.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, through: 1, by: -1) {
            elements.swapAt(i, Int(interval(UInt64(i))))
        }
    }

    /// `0..<n` shuffled, like `permutation(n)`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<max(0, n))
        shuffle(&values)
        return values
    }

    /// A draw in [0, max] by masking to the next power of two and rejecting, as NumPy's `random_interval` and
    /// its bounded 32-bit integers do (callers keep `max` below 2³²).
    private mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        for shift in [1, 2, 4, 8, 16, 32] { mask |= mask >> UInt64(shift) }
        var value = UInt64(twister.nextUInt32()) & mask
        while value > max { value = UInt64(twister.nextUInt32()) & mask }
        return value
    }

    /// NumPy's `kahan_sum`, which `choice` uses to check that `p` sums to 1.
    private static func kahanSum(_ values: [Double]) -> Double {
        guard var sum = values.first else { return 0 }
        var compensation = 0.0
        for value in values.dropFirst() {
            let y = value - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        return sum
    }
}

/// A `NumPyRandomState` argument NumPy refuses, with NumPy's message.
public enum NumPyRandomError: Error, Equatable, CustomStringConvertible {
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidArgument(let message): message
        }
    }
}
