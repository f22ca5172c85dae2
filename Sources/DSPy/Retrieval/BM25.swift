import Foundation
import SQLite

/// Ranks passages for a query with BM25, through SQLite's FTS5 full-text index (`bm25()`), in memory or in a file.
///
/// ```swift
/// let bm25 = try BM25(passages: passages)
/// for hit in try bm25.search("CREATE INDEX syntax", k: 3) { print(hit.passage.id, hit.score) }
/// ```
///
/// A query is split into words (letters and digits, lower-cased); words of one or two letters are dropped, the rest
/// are OR-ed, so a passage matching any word can rank. Scores are FTS5's `bm25()` negated (higher is better).
/// Titles are indexed too, weighted like the text.
public final class BM25: Retriever {
    /// Passages returned per query unless a search says otherwise.
    public let k: Int
    private let connection: Connection
    private let location: String

    /// Indexes `passages`, in memory or in a new SQLite file at `path`.
    /// - Throws: `RetrievalError`: `.emptyCorpus`, `.duplicateID`, `.store` (the file exists, or SQLite lacks FTS5).
    public init(passages: [Passage], k: Int = 5, path: String? = nil) throws {
        try passages.validateCorpus("BM25")
        self.k = k
        location = path ?? ":memory:"
        if let path, FileManager.default.fileExists(atPath: path) {
            throw RetrievalError(.store, "BM25: \(path) already exists; open it with BM25(path:)")
        }
        do {
            connection = try Connection(path.map { .file(path: $0) } ?? .memory)
            try connection.execute("""
                BEGIN;
                CREATE VIRTUAL TABLE passages USING fts5(id UNINDEXED, title, text);
                """)
            let insert = try connection.prepare("INSERT INTO passages (rowid, id, title, text) VALUES (?, ?, ?, ?)")
            for (position, passage) in passages.enumerated() {
                insert.reset()
                try insert.bind([.integer(Int64(position)), .text(passage.id), .text(passage.title ?? ""), .text(passage.text)])
                _ = try insert.step()
            }
            try connection.execute("COMMIT")
        } catch {
            throw RetrievalError(.store, "BM25: cannot build the FTS5 index in \(location): \(error)")
        }
    }

    /// Opens an index a `BM25(passages:path:)` wrote.
    /// - Throws: `RetrievalError.store` when the file is missing or holds no BM25 index.
    public init(path: String, k: Int = 5) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw RetrievalError(.store, "BM25: no index at \(path)") }
        self.k = k
        location = path
        do {
            connection = try Connection(.file(path: path))
            _ = try connection.query("SELECT count(*) FROM passages")
        } catch {
            throw RetrievalError(.store, "BM25: \(path) holds no BM25 index: \(error)")
        }
    }

    /// The `k` best passages for `query`, best first; none when the query has no word of three letters or more.
    public func search(_ query: String, k: Int? = nil) throws -> [RetrievedPassage] {
        let words = query.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count > 2 }
        guard !words.isEmpty else { return [] }
        let match = Array(Set(words)).sorted().map { "\"\($0)\"" }.joined(separator: " OR ")
        do {
            return try connection.query(
                "SELECT rowid, id, title, text, bm25(passages) FROM passages WHERE passages MATCH ? ORDER BY bm25(passages), rowid LIMIT ?",
                [.text(match), .integer(Int64(k ?? self.k))]
            ).rows.map { row in
                guard case .integer(let position) = row[0], case .real(let score) = row[4] else {
                    throw RetrievalError(.store, "BM25: \(location): unexpected row \(row)")
                }
                let title = row[2].description
                return RetrievedPassage(passage: Passage(id: row[1].description, title: title.isEmpty ? nil : title, text: row[3].description),
                                        index: Int(position), score: -score)
            }
        } catch let error as RetrievalError {
            throw error
        } catch {
            throw RetrievalError(.store, "BM25: the query \(match) failed on \(location): \(error)")
        }
    }

}
