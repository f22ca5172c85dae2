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

    /// Bytes of page cache this connection holds; for an in-memory database that is the database itself.
    public var cacheMemoryUsed: Int {
        var current: Int32 = 0
        var highwater: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_USED, &current, &highwater, 0)
        return Int(current)
    }
}

extension Statement {
    /// Whether the statement is an `EXPLAIN` or `EXPLAIN QUERY PLAN` (SQLite reports 1 or 2).
    public var isExplain: Bool { sqlite3_stmt_isexplain(handle) != 0 }
}
