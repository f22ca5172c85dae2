import SQLite

/// The contents of every table of a sandbox's database, for grading statements by the state they leave.
public struct DatabaseState: Sendable, Equatable {
    /// Each table's rows, keyed by `schema.table` in lower case.
    public var tables: [String: QueryResult]

    /// Nil when `other` holds the same tables with the same rows (as multisets); otherwise the first difference.
    public func difference(from other: DatabaseState) -> String? {
        let names = Set(tables.keys).union(other.tables.keys).sorted()
        for name in names {
            guard let mine = tables[name] else { return "table \(name) exists only in the predicted database" }
            guard let theirs = other.tables[name] else { return "table \(name) is missing from the predicted database" }
            if let diff = ResultComparison.difference(gold: mine, predicted: theirs, ordered: false) {
                return "table \(name): \(diff)"
            }
        }
        return nil
    }
}

extension SQLSandbox {
    /// Reads every table of the database (the sandbox's own trusted reads, not subject to the policy).
    public func state() throws(SandboxError) -> DatabaseState {
        try trusted { () throws(SandboxError) in
            var tables: [String: QueryResult] = [:]
            for schema in ["main"] + attachedSchemas.sorted() {
                let quotedSchema = "\"\(schema.replacingOccurrences(of: "\"", with: "\"\""))\""
                let names = try execute("SELECT name FROM \(quotedSchema).sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", rewrites: [])
                for case .text(let name) in names.rows.compactMap(\.first) {
                    let quotedName = "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""
                    tables["\(schema).\(name)".lowercased()] = try execute("SELECT * FROM \(quotedSchema).\(quotedName)", rewrites: [])
                }
            }
            return DatabaseState(tables: tables)
        }
    }
}
