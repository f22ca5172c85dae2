import Foundation

/// Why a `PythonRandom` draw cannot be made; the messages follow Python's.
public enum PythonRandomError: Error, Equatable, CustomStringConvertible {
    case bitCountOutOfRange(Int)
    case emptyRange(start: Int, stop: Int, step: Int)
    case zeroStep
    case emptySequence
    case sampleLargerThanPopulation(k: Int, population: Int)
    case nonPositiveTotalWeight

    public var description: String {
        switch self {
        case .bitCountOutOfRange(let k): "getrandbits(\(k)): only 0 to 64 bits are supported"
        case .emptyRange(let start, let stop, let step): "empty range for randrange() (\(start), \(stop), \(step))"
        case .zeroStep: "zero step for randrange()"
        case .emptySequence: "Cannot choose from an empty sequence"
        case .sampleLargerThanPopulation(let k, let n):
            "Sample larger than population or is negative (k = \(k), population = \(n))"
        case .nonPositiveTotalWeight: "Total of weights must be greater than zero"
        }
    }
}

extension PythonRandom {
    /// A random integer from `range(start, stop, step)`, like `randrange`.
    public mutating func randrange(_ start: Int, _ stop: Int, step: Int = 1) throws(PythonRandomError) -> Int {
        let width = stop - start
        if step == 1 {
            guard width > 0 else { throw .emptyRange(start: start, stop: stop, step: step) }
            return start + randbelow(width)
        }
        guard step != 0 else { throw .zeroStep }
        // Python's floor division, for negative steps too.
        let numerator = step > 0 ? width + step - 1 : width + step + 1
        var n = numerator / step
        if (numerator % step != 0) && ((numerator < 0) != (step < 0)) { n -= 1 }
        guard n > 0 else { throw .emptyRange(start: start, stop: stop, step: step) }
        return start + step * randbelow(n)
    }

    /// A random integer from `range(stop)`, like `randrange(stop)`.
    public mutating func randrange(_ stop: Int) throws(PythonRandomError) -> Int {
        guard stop > 0 else { throw .emptyRange(start: 0, stop: stop, step: 1) }
        return randbelow(stop)
    }

    /// A random integer in [a, b], both included, like `randint`.
    public mutating func randint(_ a: Int, _ b: Int) throws(PythonRandomError) -> Int {
        try randrange(a, b + 1)
    }

    /// A float between `a` and `b`, like `uniform`.
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * random()
    }

    /// One random element, like `choice`.
    public mutating func choice<C: RandomAccessCollection>(_ elements: C) throws(PythonRandomError) -> C.Element {
        guard !elements.isEmpty else { throw .emptySequence }
        return elements[elements.index(elements.startIndex, offsetBy: randbelow(elements.count))]
    }

    /// Shuffles in place with the same swaps as Python's `shuffle`.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, through: 1, by: -1) {
            elements.swapAt(i, randbelow(i + 1))
        }
    }

    /// `k` distinct positions drawn as Python's `sample` draws them, in selection order.
    public mutating func sampleIndices(populationSize n: Int, count k: Int) throws(PythonRandomError) -> [Int] {
        guard k >= 0, k <= n else { throw .sampleLargerThanPopulation(k: k, population: n) }
        var setSize = 21
        if k > 5 {
            // Python sizes its choice by the memory of a set: 4 ** ceil(log(3k, 4)), with the same libm log.
            setSize += Int(pow(4.0, ceil(log(Double(k * 3)) / log(4.0))))
        }
        var result: [Int] = []
        result.reserveCapacity(k)
        if n <= setSize {
            var pool = Array(0..<n)
            for i in 0..<k {
                let j = randbelow(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for _ in 0..<k {
                var j = randbelow(n)
                while selected.contains(j) { j = randbelow(n) }
                selected.insert(j)
                result.append(j)
            }
        }
        return result
    }

    /// `k` distinct elements drawn as Python's `sample` draws them, in selection order.
    public mutating func sample<Element>(_ population: [Element], _ k: Int) throws(PythonRandomError) -> [Element] {
        try sampleIndices(populationSize: population.count, count: k).map { population[$0] }
    }

    /// The position of one element drawn with `weights`, like `choices(population, weights=weights, k=1)[0]`: one
    /// `random()` scaled by the total, then the first cumulative weight above it.
    public mutating func weightedIndex(_ weights: [Double]) throws(PythonRandomError) -> Int {
        guard !weights.isEmpty else { throw .emptySequence }
        var cumulative: [Double] = []
        var total = 0.0
        for weight in weights {
            total += weight
            cumulative.append(total)
        }
        guard total > 0 else { throw .nonPositiveTotalWeight }
        let point = random() * total
        // bisect_right over cum_weights[0..<hi] with hi = n − 1.
        var low = 0, high = weights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if point < cumulative[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
