import Foundation
import SQLSyntax
import SQLite

/// The database a prompt's context describes (CREATE TABLE and INSERT statements), loaded into an in-memory SQLite
/// database so the rules can see its values and the judge can run candidate SQL against it.
final class SQLContext {
    let tables: [Table]
    private let connection: Connection

    /// Loads the context; statements SQLite rejects (other dialects) are retried in a cleaned form, then skipped.
    init(_ context: String) throws {
        connection = try Connection(.memory)
        for statement in SQLStatementSplitter.statements(context) {
            do {
                try connection.execute(statement)
            } catch {
                // MySQL/PostgreSQL spellings SQLite lacks; anything still rejected just leaves the table or row out.
                try? connection.execute(Self.sqliteSpelling(statement))
            }
        }
        var tables: [Table] = []
        let names = try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").rows
        for case .text(let name) in names.compactMap(\.first) {
            let info = try connection.query("PRAGMA table_info(\(Self.quote(name)))").rows
            let rows = try connection.query("SELECT * FROM \(Self.quote(name)) LIMIT 500").rows
            let columns = info.enumerated().map { index, row in
                Column(name: row[1].description, declaredType: row[2].description,
                       values: rows.compactMap { index < $0.count && $0[index] != .null ? $0[index] : nil })
            }
            tables.append(Table(name: name, columns: columns, rows: rows))
        }
        self.tables = tables
    }

    /// Runs one statement and returns its rows; writes are rolled back so the context stays as loaded.
    /// - Throws: `SQLiteError` when SQLite rejects the statement or it runs too long.
    func run(_ sql: String) throws -> [[SQLiteValue]] {
        let deadline = Date().addingTimeInterval(0.5)
        connection.setProgressHandler(every: 10_000) { Date() > deadline }
        defer { connection.setProgressHandler(every: 0, nil) }
        try connection.execute("SAVEPOINT offline_model_run")
        defer {
            try? connection.execute("ROLLBACK TO offline_model_run")
            try? connection.execute("RELEASE offline_model_run")
        }
        let statement = SQLStatementSplitter.statements(sql).first ?? sql
        return try connection.query(statement).rows
    }

    /// True when SQLite can compile the statement against this context.
    func compiles(_ sql: String) -> Bool {
        (try? connection.prepare(SQLStatementSplitter.statements(sql).first ?? sql)) != nil
    }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func sqliteSpelling(_ statement: String) -> String {
        var text = statement
        for (pattern, replacement) in [
            (#"(?i)\bAUTO_INCREMENT\b"#, ""), (#"(?i)\bUNSIGNED\b"#, ""), (#"(?i)\bENUM\s*\([^)]*\)"#, "TEXT"),
            (#"(?i)\bSERIAL\b"#, "INTEGER"), (#"(?i)\)\s*ENGINE\s*=.*$"#, ")"), (#"(?i)\bON UPDATE [A-Z_()]+"#, ""),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}
