import JSON

/// Something that finds passages for a query: `BM25`, `Embeddings`, `ColBERTv2`, or a program's own.
public protocol Retriever: Sendable {
    /// The `k` best passages for `query` (the retriever's default `k` when nil), best first.
    func search(_ query: String, k: Int?) throws -> [RetrievedPassage]
}

extension Retriever {
    /// The best passages for `query` as DSPy's retrievers return them: `Prediction(passages: [text], indices: [Int])`.
    public func callAsFunction(_ query: String, k: Int? = nil) throws -> Prediction {
        let found = try search(query, k: k)
        return Prediction(fields: [("passages", .array(found.map { .string($0.passage.longText) })),
                                   ("indices", .array(found.map { .int($0.index) }))])
    }
}
