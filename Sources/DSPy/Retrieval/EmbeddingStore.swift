import Foundation
import SQLite

/// An `Embeddings` index in SQLite: the passages with their vectors (float32 blobs) in corpus order, and a small
/// key–value table holding the dimension, the embedder, the normalization and the build state.
///
/// Each batch is committed as it arrives, with the state: `building`, or `complete` with an add's last batch. An
/// add that fails before storing anything leaves the state as it was. So a build that fails (or is killed) keeps every
/// embedded batch, and its file never reads as complete: opening it throws `.incompleteIndex`.
final class EmbeddingStore: @unchecked Sendable {
    // @unchecked: the connection is SQLite's serialized mode; the store is only written under `Embeddings`' lock.
    /// The file, or `":memory:"`.
    let path: String
    private let connection: Connection

    enum State: String { case building, complete }

    init(path: String?) throws {
        self.path = path ?? ":memory:"
        do {
            if let path {
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            connection = try Connection(path.map { .file(path: $0) } ?? .memory)
            connection.setBusyTimeout(milliseconds: 10_000)
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS index_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS passages (
                    position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT, text TEXT NOT NULL,
                    vector BLOB NOT NULL);
                """)
        } catch {
            throw RetrievalError(.store, "cannot open the index \(self.path): \(error)")
        }
    }

    func info(_ key: String) throws -> String? {
        try guarded("read \(key)") {
            try connection.query("SELECT value FROM index_info WHERE key = ?", [.text(key)]).rows.first?.first?.description
        }
    }

    func setInfo(_ values: [String: String]) throws {
        try guarded("write the index settings") {
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                _ = try connection.query("INSERT OR REPLACE INTO index_info (key, value) VALUES (?, ?)", [.text(key), .text(value)])
            }
        }
    }

    var state: State? {
        get throws { try info("state").flatMap(State.init(rawValue:)) }
    }

    /// Every stored passage and its vector, in corpus order.
    func load(dimension: Int) throws -> (passages: [Passage], matrix: VectorMatrix) {
        try guarded("read the passages") {
            let statement = try connection.prepare("SELECT id, title, text, vector FROM passages ORDER BY position")
            var passages: [Passage] = []
            var matrix = VectorMatrix(dimension: dimension)
            while try statement.step() {
                let row = statement.row()
                guard case .text(let id) = row[0], case .text(let text) = row[2], case .blob(let bytes) = row[3] else { continue }
                let vector = EmbeddingCoding.floats(bytes)
                guard vector.count == dimension else {
                    throw RetrievalError(.dimensionMismatch,
                        "the index \(path): passage \"\(id)\" has a vector of \(vector.count) dimensions, the index \(dimension)")
                }
                let title: String? = if case .text(let title) = row[1] { title } else { nil }
                passages.append(Passage(id: id, title: title, text: text))
                matrix.append(vector)
            }
            return (passages, matrix)
        }
    }

    /// How many passages are stored.
    func count() throws -> Int {
        try guarded("count the passages") {
            guard case .integer(let count)? = try connection.query("SELECT count(*) FROM passages").rows.first?.first else { return 0 }
            return Int(count)
        }
    }

    /// Stores one batch at positions from `start` on, in one transaction that also marks the index complete (when
    /// `complete`) or building.
    func insert(_ passages: ArraySlice<Passage>, vectors: [[Float]], from start: Int, complete: Bool) throws {
        try guarded("store passages \(start)..<\(start + passages.count)") {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                let statement = try connection.prepare(
                    "INSERT INTO passages (position, id, title, text, vector) VALUES (?, ?, ?, ?, ?)")
                for (offset, (passage, vector)) in zip(passages, vectors).enumerated() {
                    statement.reset()
                    try statement.bind([.integer(Int64(start + offset)), .text(passage.id), passage.title.map { .text($0) } ?? .null,
                                        .text(passage.text), .blob(EmbeddingCoding.bytes(vector[...]))])
                    _ = try statement.step()
                }
                _ = try connection.query("INSERT OR REPLACE INTO index_info (key, value) VALUES ('state', ?)",
                                         [.text((complete ? State.complete : State.building).rawValue)])
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    private func guarded<Result>(_ operation: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as RetrievalError {
            throw error
        } catch {
            throw RetrievalError(.store, "the index \(path): cannot \(operation): \(error)")
        }
    }
}
