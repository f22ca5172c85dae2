import Foundation
import SQLite

/// The on-disk layer of `Cache`: one SQLite file in WAL mode, so readers never wait for the writer, many
/// threads and processes can share it, and a process killed mid-write leaves the last committed state intact.
final class DiskCache: Sendable {
    /// The database file.
    let path: String
    private let connection: Connection

    init(directory: String) throws {
        path = directory + "/swift-dspy-cache.sqlite3"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CacheError(path: directory, operation: "create the cache directory", reason: error.localizedDescription)
        }
        do {
            connection = try Connection(.file(path: path))
            connection.setBusyTimeout(milliseconds: 10_000)
            // Switching to WAL takes a lock that the busy handler does not wait for: retry while another
            // process is opening the same file.
            try DiskCache.retryingWhileBusy {
                try connection.execute("PRAGMA journal_mode=WAL")
                try connection.execute("""
                    PRAGMA synchronous=NORMAL;
                    CREATE TABLE IF NOT EXISTS responses (
                        key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL) WITHOUT ROWID;
                    """)
            }
        } catch let error as SQLiteError {
            throw CacheError(path: path, operation: "open", reason: error.description)
        }
    }

    func get(_ key: String) throws -> String? {
        do {
            let rows = try connection.query("SELECT value FROM responses WHERE key = ?", [.text(key)]).rows
            guard case .text(let value)? = rows.first?.first else { return nil }
            return value
        } catch let error as SQLiteError {
            throw CacheError(path: path, operation: "read \(key)", reason: error.description)
        }
    }

    func put(_ key: String, _ value: String) throws {
        do {
            _ = try connection.query(
                "INSERT OR REPLACE INTO responses (key, value, created) VALUES (?, ?, ?)",
                [.text(key), .text(value), .real(Date().timeIntervalSince1970)])
        } catch let error as SQLiteError {
            throw CacheError(path: path, operation: "write \(key)", reason: error.description)
        }
    }

    private static func retryingWhileBusy(_ body: () throws -> Void) throws {
        for attempt in 0..<50 {
            do {
                return try body()
            } catch let error as SQLiteError where error.code & 0xff == 5 /* SQLITE_BUSY */ && attempt < 49 {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }
}
