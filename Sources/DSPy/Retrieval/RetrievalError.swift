/// Why building, opening or querying a retriever failed, naming the cause (the passage id, the batch, the file).
public struct RetrievalError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The kind of failure.
    public enum Kind: String, Sendable {
        /// No passages were given, or none was found where a corpus was expected.
        case emptyCorpus
        /// Two passages share an id (or a new one repeats an id already in the index).
        case duplicateID
        /// An embedding's length differs from the index's (or from the other embeddings of the batch).
        case dimensionMismatch
        /// The embeddings server failed on a batch; the batches before it were kept.
        case embeddingFailed
        /// The embeddings server answered with a body that is not an OpenAI embeddings list.
        case malformedEmbeddings
        /// The index file was left by a build that did not finish.
        case incompleteIndex
        /// The index file cannot be opened, read or written.
        case store
        /// A ColBERTv2 server failed or answered something else than `{"topk": [...]}`.
        case colbert
        /// A corpus file or folder cannot be read.
        case corpus
    }

    public let kind: Kind
    /// What went wrong, naming the passage, batch, file or URL involved.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
