import Dispatch
import Foundation
import SQLite
import Testing

/// The per-thread memory ceiling and the connection that opens no file.
@Suite struct SQLiteMemoryTests {
    /// Builds about `mebibytes` MiB of rows (64 KiB-wide) in a new table of `db`.
    static func fill(_ db: Connection, table: String, mebibytes: Int) throws {
        try db.execute("""
            CREATE TABLE \(table)(v);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(mebibytes * 16))
            INSERT INTO \(table) SELECT zeroblob(65536) FROM n;
            """)
    }

    @Test func ceilingStopsAllocationsOnItsThreadOnly() throws {
        #expect(SQLiteMemory.isCountingPerThread)
        let limited = try Connection()
        let other = try Connection()
        let otherThreadDone = DispatchSemaphore(value: 0)
        let started = Flag()
        // In the middle of the limited statement, another thread makes SQLite hold 48 MiB more: under one
        // process-wide count that would exceed the 16 MiB ceiling; counted per thread, it does not.
        limited.setProgressHandler(every: 100) {
            if !started.isSet {
                started.isSet = true
                Thread.detachNewThread {
                    try? Self.fill(other, table: "big", mebibytes: 48)
                    otherThreadDone.signal()
                }
                otherThreadDone.wait()
            }
            return false
        }
        try SQLiteMemory.withThreadCeiling(16 << 20) {
            try Self.fill(limited, table: "small", mebibytes: 8)
        }
        #expect(try other.query("SELECT count(*) FROM big").rows == [[.integer(48 * 16)]])
        do {
            try SQLiteMemory.withThreadCeiling(16 << 20) { try Self.fill(limited, table: "too_big", mebibytes: 24) }
            Issue.record("24 MiB fit under a 16 MiB ceiling")
        } catch let error as SQLiteError {
            #expect(error.code & 0xff == 7, "\(error)")  // SQLITE_NOMEM
        }
        // Without a ceiling the same statement runs.
        try Self.fill(limited, table: "unlimited", mebibytes: 24)
    }

    @Test func memoryWithoutFilesOpensNoFileButSpillsSortsToMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-no-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A URI's mode overrides the in-memory flag, so a plain in-memory connection creates the file...
        let plain = try Connection(.memory)
        try plain.execute("ATTACH DATABASE 'file:\(folder.path)/plain.db?mode=rwc' AS uri; CREATE TABLE uri.t(x)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("plain.db").path))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("plain.db"))
        // ...and the VFS behind `.memoryWithoutFiles` refuses it.
        let db = try Connection(.memoryWithoutFiles)
        do {
            try db.execute("ATTACH DATABASE 'file:\(folder.path)/uri.db?mode=rwc' AS uri")
            Issue.record("ATTACH of a file URI succeeded")
        } catch let error as SQLiteError {
            #expect(error.message.contains("unable to open"), "\(error)")
        }
        // Plain names and VACUUM INTO inherit the in-memory flag: they stay in memory.
        try db.execute("CREATE TABLE kept(x); INSERT INTO kept VALUES (1); VACUUM INTO '\(folder.path)/copy.db'")
        try db.execute("ATTACH DATABASE '\(folder.path)/attached.db' AS attached; CREATE TABLE attached.t(x)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        // With temp_store = FILE a sort larger than the cache spills to temporary files: here, memory.
        try db.execute("PRAGMA temp_store = FILE; PRAGMA cache_size = -256")
        try Self.fill(db, table: "t", mebibytes: 4)
        let sorted = try db.query("SELECT length(v) FROM t ORDER BY random()")
        #expect(sorted.rows == Array(repeating: [.integer(65536)], count: 64))
        try db.execute("CREATE TEMP TABLE copy AS SELECT * FROM t")
        #expect(try db.query("SELECT count(*) FROM temp.copy").rows == [[.integer(64)]])
    }
}

/// A flag only the progress handler's thread touches.
private final class Flag: @unchecked Sendable {
    var isSet = false
}
