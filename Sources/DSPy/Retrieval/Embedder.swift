import Foundation
import HTTPClient
import JSON

/// Computes embeddings for texts: a model behind an OpenAI-compatible `/v1/embeddings` route, or a function —
/// DSPy's `dspy.Embedder`.
///
/// ```swift
/// let embedder = Embedder("openai/offline-embedding", apiBase: server.baseURL, batchSize: 100)
/// let vectors = try embedder(["hello", "world"])      // two vectors of the model's dimension
/// ```
///
/// Texts go to the server in batches of `batchSize`, one request each. With `caching`, each batch's vectors are
/// kept in DSPy's response cache (memory and disk, `Cache.shared()`) under the key Python DSPy 3.4.1 computes for
/// the same model, batch and arguments. A batch that fails after the LM's retries throws `RetrievalError`
/// naming the batch, the URL and the server's words. It is a `Vectorizer`, so `KNN` and `KNNFewShot` take it.
public final class Embedder: Vectorizer, Sendable {
    /// The model as given (`"openai/<name>"`), or nil for a function embedder.
    public let model: String?
    /// The base URL requests go to, or nil for a function embedder.
    public var apiBase: String? { transport?.apiBase }
    /// Texts per request.
    public let batchSize: Int
    /// Whether batches are read from and written to the cache.
    public let caching: Bool
    /// Further arguments sent in every request body (e.g. `"dimensions"`); part of the cache key.
    public let kwargs: [String: JSONValue]
    private let transport: LM?
    private let function: (@Sendable ([String]) throws -> [[Float]])?

    /// An embedder over a served model.
    /// - Parameters:
    ///   - model: `"provider/model"`; the part after the first `/` is sent.
    ///   - apiBase: The base URL up to and including `/v1` (else `<PROVIDER>_API_BASE`, as for `LM`).
    ///   - apiKey: Sent as a bearer token; defaults to `<PROVIDER>_API_KEY`.
    ///   - batchSize: Texts per request (DSPy's default, 200).
    ///   - caching: Whether batches are cached.
    ///   - numRetries, timeout, client: As for `LM`: transient failures are retried with the same backoff.
    ///   - kwargs: Further request arguments.
    public init(
        _ model: String, apiBase: String? = nil, apiKey: String? = nil, batchSize: Int = 200, caching: Bool = true,
        numRetries: Int = 3, timeout: Double = 600, kwargs: [String: JSONValue] = [:], client: HTTPClient = .shared
    ) {
        self.model = model
        self.batchSize = max(1, batchSize)
        self.caching = caching
        self.kwargs = kwargs
        transport = LM(model, apiBase: apiBase, apiKey: apiKey, cache: false, numRetries: numRetries, timeout: timeout, client: client)
        function = nil
    }

    /// An embedder over a function from a batch of texts to one vector per text (never cached, as in DSPy).
    public init(batchSize: Int = 200, _ function: @escaping @Sendable ([String]) throws -> [[Float]]) {
        model = nil
        self.batchSize = max(1, batchSize)
        caching = false
        kwargs = [:]
        transport = nil
        self.function = function
    }

    /// One vector per text, in order.
    /// - Throws: `RetrievalError` (`.embeddingFailed`, `.malformedEmbeddings`, `.dimensionMismatch`) naming the batch.
    public func callAsFunction(_ texts: [String], batchSize: Int? = nil, caching: Bool? = nil) throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        try forEachBatch(texts, batchSize: batchSize, caching: caching) { _, batch in vectors += batch }
        return vectors
    }

    /// The vector of one text.
    public func callAsFunction(_ text: String) throws -> [Float] {
        try self([text])[0]
    }

    /// `Vectorizer`: the same as calling the embedder.
    public func vectors(for texts: [String]) throws -> [[Float]] {
        try self(texts)
    }

    /// Embeds `texts` batch by batch, handing each batch's vectors to `body` as soon as they arrive (so an index
    /// keeps what was embedded before a later batch fails). All vectors have one length, checked across batches.
    func forEachBatch(
        _ texts: [String], batchSize: Int? = nil, caching: Bool? = nil,
        _ body: (_ range: Range<Int>, _ vectors: [[Float]]) throws -> Void
    ) throws {
        let size = max(1, batchSize ?? self.batchSize)
        var dimension: Int?
        for start in stride(from: 0, to: texts.count, by: size) {
            let range = start..<min(start + size, texts.count)
            let batch = Array(texts[range])
            let vectors = try embed(batch, caching: caching ?? self.caching, range: range, total: texts.count)
            guard vectors.count == batch.count else {
                throw RetrievalError(.malformedEmbeddings,
                    "\(name): texts \(range.lowerBound)..<\(range.upperBound) of \(texts.count): \(batch.count) texts gave \(vectors.count) vectors")
            }
            let expected = dimension ?? vectors.first?.count ?? 0
            for (offset, vector) in vectors.enumerated() where vector.count != expected || vector.isEmpty {
                throw RetrievalError(.dimensionMismatch,
                    "\(name): text \(range.lowerBound + offset) got a vector of \(vector.count) dimensions, the texts before it \(expected)")
            }
            dimension = expected
            try body(range, vectors)
        }
    }

    /// The embedder as errors name it.
    var name: String { model.map { "embedder \($0)" } ?? "embedding function" }

    private func embed(_ batch: [String], caching: Bool, range: Range<Int>, total: Int) throws -> [[Float]] {
        let batchName = "texts \(range.lowerBound)..<\(range.upperBound) of \(total)"
        if let function {
            do {
                return try function(batch)
            } catch {
                throw RetrievalError(.embeddingFailed, "\(name) failed on \(batchName): \(error)")
            }
        }
        guard let transport, let model else { return [] }
        let store = caching ? try Cache.shared() : nil
        let key = Cache.key(for: cacheRequest(model: model, batch: batch))
        if let store, let hit = try store.get(key) {
            return try hit.outputs.map(EmbeddingCoding.decode)
        }
        guard transport.apiBase != nil else {
            throw RetrievalError(.embeddingFailed, "\(name): no API base: pass apiBase: or set \(LM.provider(of: model).uppercased())_API_BASE")
        }
        var body = kwargs
        body["model"] = .string(transport.endpoint.wireModel)
        body["input"] = .array(batch.map { .string($0) })
        // As OpenAI's Python client (and so DSPy) asks: float32 in base64, a quarter of the bytes of decimal JSON.
        if body["encoding_format"] == nil { body["encoding_format"] = "base64" }
        let response: EmbeddingResponse
        do {
            response = try transport.sendWithRetries(
                path: "/embeddings", body: CompactJSON.bytes(.object(body)), parse: EmbeddingResponse.init).0
        } catch let error as LMError {
            throw RetrievalError(.embeddingFailed, "\(name) failed on \(batchName): \(error)")
        } catch let error as RetrievalError {
            throw RetrievalError(error.kind, "\(name), \(batchName): \(error.message)")
        }
        if let store {
            try store.put(key, CachedCompletion(outputs: response.vectors.map(EmbeddingCoding.encode), usage: response.usage,
                                                responseModel: response.model))
        }
        return response.vectors
    }

    /// The request DSPy 3.4.1's `request_cache` hashes for `_cached_compute_embeddings(model, batch, caching=True,
    /// **kwargs)`: the keyword arguments, the positional ones by position, and the function's name.
    func cacheRequest(model: String, batch: [String]) -> [String: JSONValue] {
        var request = kwargs
        request["caching"] = true
        request["positional_arg_0"] = .string(model)
        request["positional_arg_1"] = .array(batch.map { .string($0) })
        request["_fn_identifier"] = "dspy.clients.embedding._cached_compute_embeddings"
        return request
    }
}

/// The parts of an OpenAI embeddings body an embedder reads: `data[i].embedding` ordered by `data[i].index`.
private struct EmbeddingResponse {
    let vectors: [[Float]]
    let usage: [String: JSONValue]
    let model: String?

    init(_ response: HTTPResponse) throws {
        func malformed(_ problem: String) -> RetrievalError {
            RetrievalError(.malformedEmbeddings,
                           "the body from \(response.url) is not an OpenAI embeddings list (\(problem)); it starts: \(response.text.prefix(200))")
        }
        let body: JSONValue
        do { body = try JSONReader.parse(response.body) } catch { throw malformed("\(error)") }
        guard let data = body["data"]?.arrayValue else { throw malformed("no \"data\" list") }
        let rows = try data.enumerated().map { position, item -> (Int, [Float]) in
            if let packed = item["embedding"]?.stringValue {
                guard let data = Data(base64Encoded: packed), data.count % 4 == 0 else {
                    throw malformed("data.\(position).embedding is not base64 float32 data")
                }
                return (item["index"]?.intValue ?? position, EmbeddingCoding.floats(Array(data)))
            }
            guard let values = item["embedding"]?.arrayValue else { throw malformed("data.\(position) has no \"embedding\" list") }
            let vector = try values.map { value -> Float in
                switch value {
                case .double(let number): return Float(number)
                case .int(let number): return Float(number)
                default: throw malformed("data.\(position).embedding holds \(value.pythonRepr)")
                }
            }
            return (item["index"]?.intValue ?? position, vector)
        }
        vectors = rows.sorted { $0.0 < $1.0 }.map(\.1)
        usage = body["usage"]?.objectValue ?? [:]
        model = body["model"]?.stringValue
    }
}

/// How cached vectors are stored in a `CachedCompletion`'s outputs: the float32 values, little-endian, in base64
/// (exact, and a quarter of the size of decimal JSON).
enum EmbeddingCoding {
    static func encode(_ vector: [Float]) -> String {
        Data(bytes(vector[...])).base64EncodedString()
    }

    static func decode(_ text: String) throws -> [Float] {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else {
            throw RetrievalError(.malformedEmbeddings, "a cached embedding is not base64 float32 data")
        }
        return floats(Array(data))
    }

    /// Little-endian float32 bytes as floats (also how the index stores its vectors).
    static func floats(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { offset in
            Float(bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                  | UInt32(bytes[offset + 3]) << 24)
        }
    }

    /// Floats as little-endian float32 bytes.
    static func bytes(_ vector: ArraySlice<Float>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        return bytes
    }
}
