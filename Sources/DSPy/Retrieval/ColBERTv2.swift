import Foundation
import HTTPClient
import JSON

/// A client of a ColBERTv2 search server — DSPy's `dspy.ColBERTv2`: `GET url?query=…&k=…` (or a JSON POST of
/// `{"query", "k"}`) answered by `{"topk": [{"text", "pid", "rank", "score", "prob"}, …]}`.
///
/// ```swift
/// let colbert = ColBERTv2(url: "http://127.0.0.1", port: 8893)
/// let texts = try colbert.passages("Who wrote SQLite?", k: 3)     // DSPy's colbert(query, k, simplify=True)
/// ```
///
/// Results are cached in DSPy's response cache under the key Python DSPy 3.4.1 uses for the same URL, query and k.
public struct ColBERTv2: Retriever {
    /// The server's URL, with the port when one was given (`"http://host:port"`).
    public let url: String
    /// Whether queries are sent as JSON POSTs rather than GETs.
    public let postRequests: Bool
    /// Passages per query unless a call says otherwise.
    public let k: Int
    private let client: HTTPClient

    public init(url: String = "http://0.0.0.0", port: Int? = nil, postRequests: Bool = false, k: Int = 10, client: HTTPClient = .shared) {
        self.url = port.map { "\(url):\($0)" } ?? url
        self.postRequests = postRequests
        self.k = k
        self.client = client
    }

    /// The top `k` passages as the server sent them; a GET's also carry `long_text` (a copy of `text`), as in DSPy.
    /// - Throws: `RetrievalError.colbert` naming the URL for a failed request, an error body or an unexpected shape.
    public func callAsFunction(_ query: String, k: Int = 10) throws -> [[String: JSONValue]] {
        let cache = try Cache.shared()
        let function = postRequests ? "colbertv2_post_request_v2_wrapped" : "colbertv2_get_request_v2_wrapped"
        let key = Cache.key(for: ["positional_arg_0": .string(url), "positional_arg_1": .string(query), "positional_arg_2": .int(k),
                                  "_fn_identifier": .string("dspy.dsp.colbertv2.\(function)")])
        if let hit = try cache.get(key), let text = hit.outputs.first, let rows = try JSONReader.parse(text).arrayValue {
            return rows.compactMap(\.objectValue)
        }
        let topk = try request(query, k: k)
        try cache.put(key, CachedCompletion(outputs: [JSONValue.array(topk.map { .object($0) }).serialized()], usage: [:], responseModel: nil))
        return topk
    }

    /// The top `k` passages' text (DSPy's `simplify=True`; a POST's passages, which lack `long_text`, give `text`).
    public func passages(_ query: String, k: Int = 10) throws -> [String] {
        try self(query, k: k).map { ($0["long_text"] ?? $0["text"])?.stringValue ?? "" }
    }

    /// `Retriever`: the passages with their `pid` as id and index, and the server's score.
    public func search(_ query: String, k: Int? = nil) throws -> [RetrievedPassage] {
        try self(query, k: k ?? self.k).map { row in
            let pid = row["pid"]?.intValue ?? 0
            let score = row["score"].flatMap { $0.doubleValue ?? $0.intValue.map(Double.init) } ?? 0
            return RetrievedPassage(passage: Passage(id: String(pid), text: (row["long_text"] ?? row["text"])?.stringValue ?? ""),
                                    index: pid, score: score)
        }
    }

    private func request(_ query: String, k: Int) throws -> [[String: JSONValue]] {
        let response: HTTPResponse
        do {
            if postRequests {
                let body = JSONValue.object(["query": .string(query), "k": .int(k)]).serialized()
                response = try client.post(url, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body.utf8), timeout: 10)
            } else {
                guard k <= 100 else {
                    throw RetrievalError(.colbert, "ColBERTv2 \(url): only k <= 100 is supported for the hosted ColBERTv2 server at the moment (k = \(k))")
                }
                response = try client.get("\(url)?query=\(Self.formEncoded(query))&k=\(k)", timeout: 10)
            }
        } catch let error as HTTPClientError {
            throw RetrievalError(.colbert, "ColBERTv2 \(url): \(error)")
        }
        guard (200..<300).contains(response.status) else {
            throw RetrievalError(.colbert, "ColBERTv2 \(response.url): HTTP \(response.status): \(response.text.prefix(300))")
        }
        let body: JSONValue
        do { body = try JSONReader.parse(response.body) } catch {
            throw RetrievalError(.colbert, "ColBERTv2 \(url): the body is not JSON (\(error)): \(response.text.prefix(200))")
        }
        if let error = body["error"], error != .null, error != false {
            throw RetrievalError(.colbert, "ColBERTv2 server returned an error: \(body["message"]?.stringValue ?? "Unknown error")")
        }
        guard let topk = body["topk"]?.arrayValue else {
            throw RetrievalError(.colbert, "ColBERTv2 server returned an unexpected response: \(response.text.prefix(300))")
        }
        return topk.prefix(k).compactMap(\.objectValue).map { row in
            var row = row
            if !postRequests { row["long_text"] = row["text"] }
            return row
        }
    }

    /// `application/x-www-form-urlencoded` as Python's `requests` writes query parameters (space as `+`).
    static func formEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~ ")
        let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        return encoded.replacingOccurrences(of: " ", with: "+")
    }
}
