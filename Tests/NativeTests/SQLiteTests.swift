import SQLite
import Testing

@Suite struct SQLiteTests {
    @Test func queriesReturnColumnsAndTypedRows() throws {
        let db = try Connection()
        try db.execute("CREATE TABLE t(a INTEGER, b TEXT, c REAL); INSERT INTO t VALUES (1, 'x', 2.5), (2, NULL, 0.5);")
        let result = try db.query("SELECT a, b AS label, c FROM t WHERE a >= ? ORDER BY a", [.integer(1)])
        #expect(result.columns == ["a", "label", "c"])
        #expect(result.rows == [[.integer(1), .text("x"), .real(2.5)], [.integer(2), .null, .real(0.5)]])
    }

    @Test func errorsCarrySQLiteMessage() throws {
        let db = try Connection()
        #expect(throws: SQLiteError.self) { try db.query("SELECT * FROM missing") }
        do {
            _ = try db.query("SELECT * FROM missing")
        } catch let error as SQLiteError {
            #expect(error.message.contains("no such table: missing"))
        }
    }

    @Test func authorizerDeniesAttach() throws {
        let db = try Connection()
        db.setAuthorizer { request in request.action == 24 /* SQLITE_ATTACH */ ? .deny : .allow }
        #expect(throws: SQLiteError.self) { try db.execute("ATTACH DATABASE ':memory:' AS other") }
        try db.execute("CREATE TABLE ok(x)")
    }

    @Test func progressHandlerStopsRunawayQuery() throws {
        let db = try Connection()
        db.setProgressHandler(every: 1000) { true }
        do {
            _ = try db.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
            Issue.record("the query should have been interrupted")
        } catch let error as SQLiteError {
            #expect(error.isInterrupt)
        }
    }
}
