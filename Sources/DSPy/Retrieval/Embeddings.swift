import Foundation
import JSON
import Synchronization

/// Retrieves the passages whose embeddings are nearest to a query's — DSPy's `dspy.retrievers.Embeddings`, searched
/// exactly (every passage scored with SIMD dot products; no FAISS), with its index kept in SQLite.
///
/// ```swift
/// let search = try Embeddings(passages: passages, embedder: embedder, k: 5, path: "docs.index.sqlite")
/// let found = try search("How do I create an index?").passages      // DSPy's Prediction(passages, indices)
/// try search.add(morePassages)                                        // incremental: only the new ones are embedded
/// let reopened = try Embeddings.open(path: "docs.index.sqlite", embedder: embedder)
/// ```
///
/// Passages are embedded as `longText` (`"title | text"`), in the embedder's batches; with `normalize` (DSPy's
/// default) vectors are scaled to unit length, so scores are cosine similarities. A build that stops (a failing
/// embeddings server, a kill) keeps the batches stored so far and leaves the file marked incomplete: `open`
/// refuses it, and building again with the same passages embeds only the missing ones.
public final class Embeddings: Retriever {
    private struct Snapshot: Sendable {
        var passages: [Passage] = []
        var positions: [String: Int] = [:]
        var matrix: VectorMatrix?
    }

    public let embedder: Embedder
    /// Passages returned per query unless a search says otherwise.
    public let k: Int
    /// Whether vectors are scaled to unit length.
    public let normalize: Bool
    private let store: EmbeddingStore
    private let snapshot: Mutex<Snapshot>
    /// Serializes adds (searches go on during one, on the passages stored before it).
    private let writer = Mutex(())

    /// An in-memory index of `corpus`, as `dspy.retrievers.Embeddings(corpus, embedder, k)`; indices are positions.
    /// - Throws: `RetrievalError` for an empty corpus or a failing embedder.
    public convenience init(corpus: [String], embedder: Embedder, k: Int = 5, normalize: Bool = true) throws {
        try self.init(passages: Passage.numbered(corpus), embedder: embedder, k: k, normalize: normalize)
    }

    /// Builds an index of `passages`, in memory or in the SQLite file at `path`. A file left incomplete by an
    /// earlier build of the same passages is resumed; a complete one is refused (use `open` and `add`).
    /// - Throws: `RetrievalError`: `.emptyCorpus`, `.duplicateID`, `.dimensionMismatch`, `.embeddingFailed`, `.store`.
    public init(passages: [Passage], embedder: Embedder, k: Int = 5, normalize: Bool = true, path: String? = nil) throws {
        try passages.validateCorpus("Embeddings")
        self.embedder = embedder
        self.k = k
        self.normalize = normalize
        store = try EmbeddingStore(path: path)
        snapshot = Mutex(Snapshot())
        switch try store.state {
        case .complete?:
            throw RetrievalError(.store, "the index \(store.path) is already complete (\(try Self.storedCount(store)) passages): "
                + "open it with Embeddings.open(path:embedder:) and add passages with add(_:)")
        case .building?:
            try loadStored(checking: embedder)
        case nil:
            try store.setInfo(["normalize": String(normalize), "embedder": embedder.model ?? "function"])
        }
        try add(passages)
    }

    private init(store: EmbeddingStore, embedder: Embedder, k: Int, normalize: Bool) {
        self.store = store
        self.embedder = embedder
        self.k = k
        self.normalize = normalize
        snapshot = Mutex(Snapshot())
    }

    /// Opens a complete index saved at `path` (DSPy's `Embeddings.from_saved`), without embedding anything.
    /// - Throws: `RetrievalError`: `.store` when the file is missing or was built by another embedder,
    ///   `.incompleteIndex` when its build did not finish.
    public static func open(path: String, embedder: Embedder, k: Int = 5) throws -> Embeddings {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RetrievalError(.store, "no index at \(path)")
        }
        let store = try EmbeddingStore(path: path)
        switch try store.state {
        case .complete?: break
        case .building?:
            throw RetrievalError(.incompleteIndex, "the index \(path) is incomplete: its build stopped after "
                + "\(try storedCount(store)) passages; build it again with the same passages to resume")
        case nil:
            throw RetrievalError(.store, "\(path) holds no Embeddings index (or its build stored nothing)")
        }
        let index = Embeddings(store: store, embedder: embedder, k: k, normalize: try store.info("normalize") != "false")
        try index.loadStored(checking: embedder)
        return index
    }

    /// How many passages the index holds.
    public var count: Int { snapshot.withLock { $0.passages.count } }

    /// The vectors' length, once a passage is stored.
    public var dimension: Int? { snapshot.withLock { $0.matrix?.dimension } }

    /// The passages, in corpus order.
    public var passages: [Passage] { snapshot.withLock { $0.passages } }

    /// Embeds and stores `passages` after the ones already indexed, batch by batch.
    /// - Throws: `RetrievalError`: `.emptyCorpus`, `.duplicateID` (within `passages` or with the index),
    ///   `.dimensionMismatch`, `.embeddingFailed` (the batches before it stay stored, the index is left incomplete).
    public func add(_ passages: [Passage]) throws {
        try passages.validateCorpus("Embeddings.add")
        try writer.withLock { _ in
            let (existing, resuming) = try snapshot.withLock { snapshot in
                (snapshot, try store.state == .building)
            }
            var fresh: [Passage] = []
            for passage in passages {
                guard let position = existing.positions[passage.id] else { fresh.append(passage); continue }
                // Resuming an interrupted build: the passages it stored are skipped, not embedded again.
                guard resuming, existing.passages[position] == passage else {
                    throw RetrievalError(.duplicateID, "the passage id \"\(passage.id)\" is already in the index \(store.path) "
                        + "(position \(position))")
                }
            }
            guard !fresh.isEmpty else {
                try store.setInfo(["state": EmbeddingStore.State.complete.rawValue])
                return
            }
            var dimension = existing.matrix?.dimension
            try embedder.forEachBatch(fresh.map(\.longText)) { range, vectors in
                if dimension == nil, let first = vectors.first?.count {
                    dimension = first
                    try store.setInfo(["dimension": String(first)])
                }
                if let dimension, let wrong = vectors.firstIndex(where: { $0.count != dimension }) {
                    throw RetrievalError(.dimensionMismatch, "\(embedder.name) gave passage \"\(fresh[range.lowerBound + wrong].id)\" "
                        + "a vector of \(vectors[wrong].count) dimensions; the index \(store.path) holds \(dimension)")
                }
                let stored = normalize ? vectors.map(VectorMatrix.normalized) : vectors
                let start = existing.passages.count + range.lowerBound
                try store.insert(fresh[range], vectors: stored, from: start, complete: range.upperBound == fresh.count)
                snapshot.withLock { snapshot in
                    if snapshot.matrix == nil { snapshot.matrix = VectorMatrix(dimension: stored[0].count) }
                    for (offset, passage) in fresh[range].enumerated() {
                        snapshot.positions[passage.id] = start + offset
                        snapshot.passages.append(passage)
                        snapshot.matrix!.append(stored[offset])
                    }
                }
            }
        }
    }


    /// The `k` passages nearest to `query` (the index's `k` unless given), best first, with scores.
    /// - Throws: `RetrievalError` when the embedder fails or its vector's length differs from the index's.
    public func search(_ query: String, k: Int? = nil) throws -> [RetrievedPassage] {
        let vector = try embedder(query)
        return try search(vector: vector, k: k)
    }

    /// The `k` passages nearest to a query vector (normalized here when the index normalizes).
    public func search(vector: [Float], k: Int? = nil) throws -> [RetrievedPassage] {
        let current = snapshot.withLock { $0 }
        guard let matrix = current.matrix else { return [] }
        guard vector.count == matrix.dimension else {
            throw RetrievalError(.dimensionMismatch, "\(embedder.name) gave the query a vector of \(vector.count) dimensions; "
                + "the index \(store.path) holds \(matrix.dimension)")
        }
        let query = normalize ? VectorMatrix.normalized(vector) : vector
        return matrix.top(k ?? self.k, for: query).map { row, score in
            RetrievedPassage(passage: current.passages[row], index: row, score: Double(score))
        }
    }

    private func loadStored(checking embedder: Embedder) throws {
        let builtBy = try store.info("embedder")
        if let model = embedder.model, let builtBy, builtBy != "function", builtBy != model {
            throw RetrievalError(.store, "the index \(store.path) was built with \(builtBy), not \(model): its vectors "
                + "are not comparable with this embedder's")
        }
        guard let dimension = try store.info("dimension").flatMap(Int.init) else { return }
        let (passages, matrix) = try store.load(dimension: dimension)
        snapshot.withLock { snapshot in
            snapshot.passages = passages
            snapshot.positions = Dictionary(uniqueKeysWithValues: passages.enumerated().map { ($1.id, $0) })
            snapshot.matrix = matrix
        }
    }

    private static func storedCount(_ store: EmbeddingStore) throws -> Int {
        try store.count()
    }
}
