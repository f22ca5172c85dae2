import CSQLite

extension Connection {
    /// On/off connection options of `sqlite3_db_config` that harden a connection running untrusted SQL.
    public enum Option: Int32, Sendable {
        /// Refuses writes that could corrupt the database file (writable_schema, shadow tables, ...).
        case defensive = 1010
        /// Lets the `load_extension()` SQL function load shared libraries.
        case loadExtension = 1005
        /// Lets SQL functions and virtual tables run from inside the schema (triggers, views, defaults).
        case trustedSchema = 1017
        /// Lets `PRAGMA writable_schema=ON` take effect.
        case writableSchema = 1011
    }

    /// Turns a connection option on or off.
    /// - Throws: `SQLiteError` when SQLite rejects the option.
    public func setOption(_ option: Option, enabled: Bool) throws {
        let code = csqlite_db_config_flag(handle, option.rawValue, enabled ? 1 : 0)
        guard code == SQLITE_OK else { throw error(code) }
    }
}

extension Statement {
    /// Whether the statement is an `EXPLAIN` or `EXPLAIN QUERY PLAN` (SQLite reports 1 or 2).
    public var isExplain: Bool { sqlite3_stmt_isexplain(handle) != 0 }
}
