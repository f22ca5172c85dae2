import Foundation
import SQLite

/// The inputs (and text outputs) of executed cells, kept as IPython keeps them: in a SQLite file with one
/// numbered session per kernel start, so history outlives restarts and `history_request` reaches earlier
/// sessions (`tail` and `search` across all of them, `range` by session number or offset).
///
/// When the file cannot be opened (a read-only home, a corrupt file) the kernel keeps serving with a private
/// in-memory database and says why in its log.
final class ExecutionHistory {
    struct Entry: Sendable, Equatable {
        var session: Int
        var line: Int
        var input: String
        var output: String?
    }

    /// This kernel's session number.
    let session: Int
    private let connection: Connection

    /// Opens the history at `file` (created if missing), or in memory when `file` is nil.
    init(file: String?) {
        let opened = file.flatMap { path -> (Connection, Int)? in
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                return try Self.open(.file(path: path))
            } catch {
                KernelLog.warning("history: cannot use \(path) (\(error)); this session's history stays in memory")
                return nil
            }
        }
        // An in-memory database opens unless memory itself is exhausted.
        (connection, session) = try! opened ?? Self.open(.memory)
    }

    private static func open(_ location: Connection.Location) throws -> (Connection, Int) {
        let connection = try Connection(location)
        connection.setBusyTimeout(milliseconds: 5_000)
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS sessions (session INTEGER PRIMARY KEY AUTOINCREMENT, start TEXT, end TEXT);
            CREATE TABLE IF NOT EXISTS history (session INTEGER, line INTEGER, source TEXT, PRIMARY KEY (session, line));
            CREATE TABLE IF NOT EXISTS output_history (session INTEGER, line INTEGER, output TEXT,
                                                       PRIMARY KEY (session, line));
            INSERT INTO sessions (start) VALUES (datetime('now'));
            """)
        guard case .integer(let session)? = try connection.query("SELECT last_insert_rowid()").rows.first?.first else {
            throw SQLiteError(code: 1, message: "no session number")
        }
        return (connection, Int(session))
    }

    /// Records line `line` of this session; a failed write is logged, never fatal.
    func append(line: Int, input: String, output: String?) {
        do {
            _ = try connection.query("INSERT OR REPLACE INTO history VALUES (?, ?, ?)",
                                     [.integer(Int64(session)), .integer(Int64(line)), .text(input)])
            if let output {
                _ = try connection.query("INSERT OR REPLACE INTO output_history VALUES (?, ?, ?)",
                                         [.integer(Int64(session)), .integer(Int64(line)), .text(output)])
            }
        } catch {
            KernelLog.warning("history: cannot record line \(line): \(error)")
        }
    }

    /// The last `n` entries over all sessions, oldest first.
    func tail(_ n: Int) -> [Entry] {
        entries(where: "1", [], newestFirstLimit: max(0, n))
    }

    /// Lines `start..<stop` of a session: a positive number names a session, 0 is this one and a negative
    /// number counts back from it (IPython's convention).
    func range(session requested: Int, start: Int, stop: Int?) -> [Entry] {
        let wanted = requested > 0 ? requested : session + requested
        return entries(where: "h.session = ? AND h.line >= ? AND h.line < ?",
                       [.integer(Int64(wanted)), .integer(Int64(start)), .integer(Int64(stop ?? Int(Int32.max)))])
    }

    /// Entries whose input matches the glob `pattern` (SQLite's GLOB, as IPython's search); with `unique` only the
    /// latest of equal inputs; with `n` only the last `n` matches.
    func search(pattern: String, n: Int?, unique: Bool) -> [Entry] {
        let latest = unique
            ? " AND NOT EXISTS (SELECT 1 FROM history later WHERE later.source = h.source AND "
                + "(later.session > h.session OR (later.session = h.session AND later.line > h.line)))"
            : ""
        return entries(where: "h.source GLOB ?" + latest, [.text(pattern)], newestFirstLimit: n.map { max(0, $0) })
    }

    private func entries(where condition: String, _ values: [SQLiteValue], newestFirstLimit limit: Int? = nil) -> [Entry] {
        let order = limit.map { "ORDER BY h.session DESC, h.line DESC LIMIT \($0)" } ?? "ORDER BY h.session, h.line"
        let sql = """
            SELECT h.session, h.line, h.source, o.output FROM history h
            LEFT JOIN output_history o ON o.session = h.session AND o.line = h.line WHERE \(condition) \(order)
            """
        do {
            let rows = try connection.query(sql, values).rows.map { row -> Entry in
                func integer(_ value: SQLiteValue) -> Int { if case .integer(let v) = value { Int(v) } else { 0 } }
                func text(_ value: SQLiteValue) -> String? { if case .text(let v) = value { v } else { nil } }
                return Entry(session: integer(row[0]), line: integer(row[1]), input: text(row[2]) ?? "", output: text(row[3]))
            }
            return limit == nil ? rows : rows.reversed()
        } catch {
            KernelLog.warning("history: query failed: \(error)")
            return []
        }
    }
}
