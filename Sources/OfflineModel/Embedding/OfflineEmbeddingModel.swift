/// The built-in offline embedding model: a deterministic feature-hashing embedder, not a neural model.
///
/// Each lower-cased word (a run of letters or digits) and each of its character trigrams (the word padded with
/// spaces) is hashed to one of `dimension` buckets with a hashed sign; words weigh 1, trigrams 0.5; the vector is
/// scaled to unit length. Texts sharing words or word pieces ("index", "indexes", "indexed") get close vectors,
/// so retrieval over it works offline and gives the same vectors on every machine.
public struct OfflineEmbeddingModel: Sendable {
    /// The model id under which the server answers `/v1/embeddings`.
    public static let id = "offline-embedding"
    /// The vectors' length (that of the common small sentence embedders, e.g. all-MiniLM-L6-v2).
    public static let dimension = 384

    public init() {}

    /// The unit-length vector of `text` (all zeros for a text with no letters or digits).
    public func embed(_ text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: Self.dimension)
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            add(Array(word.utf8), weight: 1, to: &vector)
            let padded = Array((" " + word + " ").utf8)
            for start in 0..<max(0, padded.count - 2) { add(Array(padded[start..<start + 3]), weight: 0.5, to: &vector) }
        }
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    private func add(_ feature: [UInt8], weight: Float, to vector: inout [Float]) {
        let hash = Self.mix(feature.reduce(UInt64(feature.count)) { $0 &* 0x100_0000_01b3 &+ UInt64($1) })
        vector[Int(hash % UInt64(Self.dimension))] += (hash >> 63) == 0 ? weight : -weight
    }

    /// MurmurHash3's 64-bit finalizer: spreads every input bit over the output, so buckets and signs are even.
    private static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        return hash ^ (hash >> 33)
    }
}
