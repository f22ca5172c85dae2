import CSQLite

/// SQLite's memory, counted per thread.
///
/// Before the first connection opens, SQLite is set to allocate through a counting allocator and to keep no
/// process-wide statistics: those take one mutex on every allocation of every thread, which serializes concurrent
/// connections, and they would make one connection's budget depend on what the others hold. Instead each thread
/// counts what SQLite allocates on it, and a ceiling can be set for the calling thread.
public enum SQLiteMemory {
    /// True when the counting allocator is installed (false only when SQLite was initialized before this module
    /// opened its first connection, e.g. by another library; then `withThreadCeiling` limits nothing).
    public static let isCountingPerThread: Bool = csqlite_use_thread_counting_allocator() == SQLITE_OK

    /// Bytes SQLite holds that were allocated on the calling thread (see `csqlite_thread_allocated`).
    public static var allocatedOnThisThread: Int64 { csqlite_thread_allocated() }

    /// Runs `body` with SQLite allocations on the calling thread limited to `bytes` more than it holds now;
    /// an allocation past that fails, and the statement that asked for it fails with `SQLITE_NOMEM`.
    public static func withThreadCeiling<T, E: Error>(_ bytes: Int64, _ body: () throws(E) -> T) throws(E) -> T {
        let previous = csqlite_set_thread_ceiling(csqlite_thread_allocated() + bytes)
        defer { csqlite_set_thread_ceiling(previous) }
        return try body()
    }
}
