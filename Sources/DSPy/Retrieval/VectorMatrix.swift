/// Unit-length (or raw) vectors of one dimension stored row after row in one array, searched exactly: every
/// row's dot product with the query, in SIMD lanes, keeping the best `k` as it goes (no sort of all the scores).
struct VectorMatrix: Sendable {
    let dimension: Int
    private(set) var values: [Float] = []

    init(dimension: Int) {
        self.dimension = dimension
    }

    var count: Int { dimension == 0 ? 0 : values.count / dimension }

    mutating func append(_ vector: [Float]) {
        values += vector
    }

    func row(_ index: Int) -> ArraySlice<Float> {
        values[index * dimension..<(index + 1) * dimension]
    }

    /// The `k` rows with the largest dot product with `query`, best first; ties go to the earlier row.
    func top(_ k: Int, for query: [Float]) -> [(row: Int, score: Float)] {
        precondition(query.count == dimension, "query of \(query.count) dimensions, matrix of \(dimension)")
        guard k > 0, count > 0 else { return [] }
        var best = TopK(k: min(k, count))
        values.withUnsafeBufferPointer { matrix in
            query.withUnsafeBufferPointer { query in
                for row in 0..<count {
                    let score = Self.dot(matrix.baseAddress! + row * dimension, query.baseAddress!, dimension)
                    best.offer(row, score)
                }
            }
        }
        return best.sorted
    }

    /// The dot product of two `length`-float runs, 16 lanes at a time in two accumulators.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ length: Int) -> Float {
        var sum0 = SIMD8<Float>(), sum1 = SIMD8<Float>()
        var index = 0
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        while index + 16 <= length {
            let offset = index * MemoryLayout<Float>.stride
            sum0 += rawA.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            sum1 += rawA.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
            index += 16
        }
        var total = (sum0 + sum1).sum()
        while index < length {
            total += a[index] * b[index]
            index += 1
        }
        return total
    }

    /// DSPy's normalization: each vector divided by its length, or by 1e-10 when shorter than that.
    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        let divisor = max(norm, 1e-10)
        return vector.map { $0 / divisor }
    }
}

/// The best `k` (row, score) pairs offered so far, kept sorted best first in a small array: for the k of a
/// retriever (≤ 100) an insertion beats a heap, and most offers fail the first comparison.
private struct TopK {
    let k: Int
    private(set) var sorted: [(row: Int, score: Float)] = []

    init(k: Int) {
        self.k = k
        sorted.reserveCapacity(k + 1)
    }

    @inline(__always)
    mutating func offer(_ row: Int, _ score: Float) {
        if sorted.count == k, !(score > sorted[k - 1].score) { return }
        var position = sorted.count
        while position > 0, score > sorted[position - 1].score { position -= 1 }
        sorted.insert((row, score), at: position)
        if sorted.count > k { sorted.removeLast() }
    }
}
