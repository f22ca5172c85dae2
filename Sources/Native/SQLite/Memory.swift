import CSQLite

/// Process-wide SQLite memory controls.
public enum SQLiteMemory {
    /// Sets the soft heap limit in bytes for all connections of this process and returns the previous one.
    @discardableResult
    public static func setSoftHeapLimit(_ bytes: Int64) -> Int64 { sqlite3_soft_heap_limit64(bytes) }

    /// Sets the hard heap limit in bytes; allocations beyond it fail with SQLITE_NOMEM.
    @discardableResult
    public static func setHardHeapLimit(_ bytes: Int64) -> Int64 { sqlite3_hard_heap_limit64(bytes) }

    /// Bytes SQLite currently has allocated.
    public static var used: Int64 { sqlite3_memory_used() }

    /// The SQLite library version, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
