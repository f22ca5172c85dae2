/// Turns texts into vectors whose dot products measure similarity (DSPy's `Embedder` as KNN uses it).
public protocol Vectorizer: Sendable {
    /// One vector per text, all of the same length.
    func vectors(for texts: [String]) throws -> [[Float]]
}

/// A built-in lexical vectorizer: words (lower-cased letters and digits) hashed into a fixed number of buckets,
/// counted, and scaled to unit length, so the dot product is the cosine similarity of the word counts.
///
/// It needs no model, so KNNFewShot works offline; a semantic embedder can replace it through `Vectorizer`.
public struct LexicalVectorizer: Vectorizer {
    public var dimensions: Int

    public init(dimensions: Int = 2048) {
        self.dimensions = max(1, dimensions)
    }

    public func vectors(for texts: [String]) -> [[Float]] {
        texts.map(vector)
    }

    private func vector(_ text: String) -> [Float] {
        var counts = [Float](repeating: 0, count: dimensions)
        for word in Self.words(text) { counts[Int(Self.fnv1a(word) % UInt64(dimensions))] += 1 }
        let norm = counts.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? counts.map { $0 / norm } : counts
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// FNV-1a, because Swift's `Hasher` is seeded per process and the vectors must be the same on every run.
    static func fnv1a(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Finds the training examples nearest to some inputs, as DSPy's `KNN`.
public struct KNN: Sendable {
    public let k: Int
    public let trainset: [Example]
    public let vectorizer: any Vectorizer
    private let trainVectors: [[Float]]

    /// Vectorizes each training example's input fields as `"key: value | key: value"`, as DSPy does.
    public init(k: Int, trainset: [Example], vectorizer: any Vectorizer) throws {
        self.k = k
        self.trainset = trainset
        self.vectorizer = vectorizer
        let texts = trainset.map { example in
            let inputs = example.inputKeys ?? []
            return example.items().filter { inputs.contains($0.0) }.map { "\($0.0): \($0.1.pythonStr)" }.joined(separator: " | ")
        }
        trainVectors = try vectorizer.vectors(for: texts)
    }

    /// The `k` nearest training examples to `inputs`, nearest first (ties: the later example first, as numpy's
    /// ascending argsort read backwards gives).
    public func callAsFunction(_ inputs: Example) throws -> [Example] {
        let text = inputs.items().map { "\($0.0): \($0.1.pythonStr)" }.joined(separator: " | ")
        guard let query = try vectorizer.vectors(for: [text]).first else { return [] }
        let scores = trainVectors.map { vector in zip(vector, query).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        let ascending = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        return ascending.suffix(k).reversed().map { trainset[$0] }
    }
}
