import SQLSyntax
import SQLite

extension SQLSandbox {
    /// Statements that mean nothing for one in-memory SQLite database, by their leading words.
    private static let skippedPrefixes: [[String]] = [
        ["USE"], ["SET"], ["DELIMITER"], ["GRANT"], ["REVOKE"], ["COMMENT", "ON"], ["BEGIN"], ["COMMIT"], ["ROLLBACK"],
        ["START", "TRANSACTION"], ["END"], ["CREATE", "DATABASE"], ["CREATE", "SCHEMA"], ["CREATE", "EXTENSION"],
        ["CREATE", "FUNCTION"], ["CREATE", "PROCEDURE"], ["CREATE", "OR", "REPLACE", "FUNCTION"],
        ["CREATE", "OR", "REPLACE", "PROCEDURE"], ["CREATE", "TYPE"], ["CREATE", "SEQUENCE"], ["ALTER", "SEQUENCE"],
        ["CREATE", "USER"], ["CREATE", "ROLE"], ["DROP", "DATABASE"], ["DROP", "SCHEMA"],
    ]

    /// Runs each statement of `context`, recording what was skipped, rewritten or failed.
    ///
    /// SQLite splits and compiles the context itself, straight from its UTF-8 bytes; only a statement that fails,
    /// or that `StatementGuard` must inspect, goes through the lexer, the dialect translation and the merges.
    func load(_ context: String) {
        let bytes = Array(context.utf8)
        var offset = 0
        while offset < bytes.count {
            let start = offset
            switch loadAsWritten(bytes, from: start) {
            case .finished:
                return
            case .loaded(let next):
                loadReport.statements += 1
                loadReport.loaded += 1
                offset = next
            case .needsCare:
                let tokens = SQLLexer.tokenize(String(decoding: bytes[start...], as: UTF8.self))
                guard let (statement, length) = SQLStatementSplitter.first(of: tokens) else { return }
                loadCarefully(statement, index: loadReport.statements)
                loadReport.statements += 1
                offset = start + length
            }
        }
    }

    private enum LoadStep { case finished, loaded(next: Int), needsCare }

    /// Compiles and runs the statement that starts at byte `start` as written, when `StatementGuard` has no reason
    /// to inspect it; any failure sends it down the careful path, which reports the failure if it persists.
    private func loadAsWritten(_ bytes: [UInt8], from start: Int) -> LoadStep {
        let step = try? monitor.guarding(connection) { () throws -> LoadStep in
            let (statement, next) = try Statement.prepareFirst(connection, utf8: bytes, from: start)
            guard let statement else { return .finished }
            guard !StatementGuard.mayConcern(bytes[start..<next]) else { return .needsCare }
            _ = try collect(statement, rewrites: [])
            return .loaded(next: next)
        }
        return step ?? .needsCare
    }

    private func loadCarefully(_ tokens: [SQLToken], index: Int) {
        let words = tokens.filter { !$0.isTrivia }.prefix(5).map { $0.keyword ?? "" }
        if Self.skippedPrefixes.contains(where: { words.starts(with: $0) }) {
            loadReport.skipped.append(.init(statement: index, excerpt: Self.excerpt(of: tokens), detail: "not applicable to one in-memory SQLite database"))
            return
        }
        do {
            try attachSchemaIfQualified(tokens)
            let result = try loadStatement(tokens)
            loadReport.loaded += 1
            if !result.rewrites.isEmpty {
                loadReport.rewritten.append(.init(statement: index, excerpt: Self.excerpt(of: tokens), detail: result.rewrites.joined(separator: ", ")))
            }
        } catch {
            loadReport.failed.append(.init(statement: index, excerpt: Self.excerpt(of: tokens), detail: error.description))
        }
    }

    /// Runs one context statement; a `CREATE TABLE` of a table that exists adds the columns it lacks, since
    /// datasets often declare one table in pieces.
    private func loadStatement(_ tokens: [SQLToken]) throws(SandboxError) -> QueryResult {
        do {
            return try execute(tokens)
        } catch .sqlite(let code, let message) where message.contains("already exists") && DialectTranslator.isCreateTable(tokens) {
            guard let added = try mergeColumns(tokens) else { throw .sqlite(code: code, message: message) }
            return QueryResult(columns: [], rows: [], rewrites: ["merged into the existing table (\(added) columns added)"])
        }
    }

    /// Adds to an existing table the columns a second `CREATE TABLE` of it declares; nil when it is not a table.
    private func mergeColumns(_ tokens: [SQLToken]) throws(SandboxError) -> Int? {
        guard let (schema, table) = Self.createdTableName(tokens),
              let open = tokens.firstIndex(where: { $0.isSymbol("(") }),
              let close = DialectTranslator.matchingParenthesis(tokens, open: open) else { return nil }
        let qualified = "\(schema.map { "\"\($0)\"." } ?? "")\"\(table)\""
        let existing = try trusted { () throws(SandboxError) in
            try execute("SELECT name FROM pragma_table_info(\(Self.literal(table)), \(Self.literal(schema ?? "main")))", rewrites: [])
        }
        guard !existing.rows.isEmpty else { return nil }
        let known = Set(existing.rows.compactMap { $0.first?.description.lowercased() })
        var added = 0
        for item in DialectTranslator.arguments(tokens, open: open, close: close) {
            let words = item.filter { !$0.isTrivia }
            guard let name = words.first?.identifierName, words.first?.kind != .word || !DialectTranslator.tableConstraintWords.contains(name.uppercased()),
                  !known.contains(name.lowercased()) else { continue }
            // Only the column name and type carry over: SQLite cannot add PRIMARY KEY or UNIQUE columns.
            let type = words.dropFirst().prefix { $0.kind == .word && !["PRIMARY", "UNIQUE", "NOT", "NULL", "DEFAULT", "REFERENCES", "CHECK"].contains($0.keyword ?? "") }
            let typeText = type.map(\.text).joined(separator: " ")
            _ = try execute("ALTER TABLE \(qualified) ADD COLUMN \"\(name)\" \(typeText)", rewrites: [])
            added += 1
        }
        return added
    }

    /// `(schema, table)` of a `CREATE TABLE [IF NOT EXISTS] [schema.]table`.
    static func createdTableName(_ tokens: [SQLToken]) -> (String?, String)? {
        let words = tokens.filter { !$0.isTrivia }
        guard let tableIndex = words.firstIndex(where: { $0.isKeyword("TABLE") }) else { return nil }
        var index = tableIndex + 1
        if index + 2 < words.count, words[index].isKeyword("IF"), words[index + 1].isKeyword("NOT"), words[index + 2].isKeyword("EXISTS") {
            index += 3
        }
        guard index < words.count, let first = words[index].identifierName else { return nil }
        if index + 2 < words.count, words[index + 1].isSymbol("."), let second = words[index + 2].identifierName {
            return (first, second)
        }
        return (nil, first)
    }

    /// Datasets write `CREATE TABLE hr.employees`; SQLite reads `hr` as a database name, so an empty in-memory
    /// database is attached under that name (by the sandbox itself: untrusted SQL may never ATTACH).
    private func attachSchemaIfQualified(_ tokens: [SQLToken]) throws(SandboxError) {
        guard DialectTranslator.isCreateTable(tokens), let schema = Self.createdTableName(tokens)?.0 else { return }
        let name = schema.lowercased()
        guard name != "main", name != "temp", !attachedSchemas.contains(name) else { return }
        try trusted { () throws(SandboxError) in
            _ = try execute("ATTACH DATABASE ':memory:' AS \"\(schema.replacingOccurrences(of: "\"", with: "\"\""))\"", rewrites: [])
        }
        attachedSchemas.insert(name)
    }

    func trusted<T>(_ body: () throws(SandboxError) -> T) throws(SandboxError) -> T {
        do {
            return try monitor.trusted { try body() }
        } catch {
            throw Self.wrap(error)
        }
    }

    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    static func excerpt(of tokens: [SQLToken]) -> String {
        let text = SQLStatementSplitter.text(of: tokens).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
