import Foundation
import SQLite
import SQLToolkit
import Testing

/// Model-written SQL is untrusted: each of these is denied or stopped within its budget, the process survives,
/// and no file appears.
@Suite(.serialized) struct HostileSQLTests {
    static let context = """
        CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
        INSERT INTO t (v) VALUES ('a'), ('b'), ('c'), ('d'), ('e'), ('f'), ('g'), ('h'), ('i'), ('j');
        """

    /// A directory that must stay empty: every file the queries name points into it.
    static let trap = FileManager.default.temporaryDirectory.appendingPathComponent("sqltoolkit-hostile-\(UUID().uuidString)")

    static func queries(in dir: String) -> [String] {
        let ten = "SELECT count(*) FROM t a, t b, t c, t d, t e, t f, t g, t h, t i, t j"
        let bomb = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
        return [
            "ATTACH DATABASE '\(dir)/a.db' AS a",
            "ATTACH '\(dir)/b.db' AS b",
            "attach database 'file:\(dir)/c.db?mode=rwc' as c",
            "/* hidden */ AtTaCh '\(dir)/d.db' AS d",
            "DETACH DATABASE main",
            "SELECT load_extension('\(dir)/evil.so')",
            "SELECT load_extension('libc.so.6', 'system')",
            "VACUUM INTO '\(dir)/e.db'",
            "VACUUM",
            "PRAGMA writable_schema = ON",
            "PRAGMA journal_mode = WAL",
            "PRAGMA temp_store_directory = '\(dir)'",
            "PRAGMA main.page_size = 512",
            "PRAGMA cache_size = -2000000",
            "PRAGMA mmap_size = 268435456",
            "PRAGMA max_page_count = 2147483647",
            "SELECT 1; ATTACH '\(dir)/f.db' AS f",
            "BEGIN IMMEDIATE",
            "SAVEPOINT s1",
            "CREATE VIRTUAL TABLE docs USING fts5(body)",
            "SELECT fts3_tokenizer('simple')",
            "\(bomb) SELECT count(*) FROM c",
            "\(bomb) SELECT x FROM c",
            "\(bomb) SELECT group_concat(x) FROM c",
            "\(ten)",
            "SELECT a.v FROM t a, t b, t c, t d, t e, t f ORDER BY random()",
            "SELECT randomblob(1000000000)",
            "SELECT zeroblob(2000000000)",
            "SELECT printf('%.*c', 1000000000, 'x')",
            "SELECT printf('%1000000000d', 1)",
            "SELECT format(v, 1) FROM t",
            "SELECT replace(hex(zeroblob(400000)), '0', 'abc')",
            "INSERT INTO t (v) \(bomb) SELECT hex(randomblob(500)) FROM c",
            "CREATE TABLE huge AS \(bomb) SELECT x, hex(randomblob(100)) FROM c",
            "SELECT trim(v, (SELECT group_concat(v) FROM t)) FROM t",
            "SELECT printf /* between name and arguments */ ('%.*c', 1000000000, 'x')",
            "SELECT count(*) FROM t a, t b, t c, t d, t e, t f GROUP BY random()",
            "SELECT sum(instr(h, substr(h, 1, 30000) || 'z')) FROM (SELECT replace(hex(zeroblob(30000)), '0', a.v) AS h FROM t a, t b, t c)",
        ]
    }

    @Test func everyHostileQueryIsDeniedOrStopped() throws {
        try FileManager.default.createDirectory(at: Self.trap, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: Self.trap) }
        let limits = SandboxLimits(timeBudget: .seconds(3), instructionBudget: 50_000_000, rowBudget: 10_000, memoryBudget: 64 << 20)
        let queries = Self.queries(in: Self.trap.path)
        #expect(queries.count >= 25)
        for query in queries {
            let sandbox = try SQLSandbox(context: Self.context, limits: limits)
            let start = ContinuousClock.now
            do {
                let result = try sandbox.run(query)
                Issue.record("ran: \(query) → \(result.rows.count) rows")
            } catch {
                #expect(error.isSandboxStop, "\(query): \(error)")
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < limits.timeBudget + SandboxBudgetTests.tolerance, "\(query) took \(elapsed)")
            // The sandbox still works after the stop.
            #expect(try sandbox.run("SELECT count(*) FROM t").rows == [[.integer(10)]], "\(query) broke the sandbox")
        }
        let created = try FileManager.default.contentsOfDirectory(atPath: Self.trap.path)
        #expect(created == [], "files created: \(created)")
    }

    @Test func denialsNameTheirReason() throws {
        let sandbox = try SQLSandbox(context: Self.context)
        #expect(throws: SandboxError.denied(reason: "VACUUM (VACUUM INTO writes a database file)")) { try sandbox.run("VACUUM INTO 'x.db'") }
        do {
            _ = try sandbox.run("ATTACH 'x.db' AS x")
            Issue.record("ATTACH ran")
        } catch {
            guard case .denied(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.hasPrefix("ATTACH"))
        }
        do {
            _ = try sandbox.run("PRAGMA writable_schema = 1")
            Issue.record("PRAGMA ran")
        } catch {
            guard case .denied(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("writable_schema"))
        }
        #expect(try sandbox.run("PRAGMA table_info(t)").rows.count == 2)
        #expect(try sandbox.run("SELECT printf('%.2f%%', 12.345)").rows == [[.text("12.35%")]])
    }

    @Test func budgetsAreTyped() throws {
        let tight = SandboxLimits(timeBudget: .seconds(30), instructionBudget: 1_000_000, rowBudget: 5)
        let sandbox = try SQLSandbox(context: Self.context, limits: tight)
        #expect(throws: SandboxError.rowBudgetExceeded(5)) { try sandbox.run("SELECT * FROM t") }
        #expect(throws: SandboxError.instructionBudgetExceeded(1_000_000)) {
            try sandbox.run("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
        }
        let slow = try SQLSandbox(context: Self.context, limits: SandboxLimits(timeBudget: .milliseconds(200), instructionBudget: .max))
        let start = ContinuousClock.now
        #expect(throws: SandboxError.timeBudgetExceeded(.milliseconds(200))) {
            try slow.run("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
