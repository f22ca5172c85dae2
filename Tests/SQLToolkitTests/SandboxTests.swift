import SQLSyntax
import SQLite
import SQLToolkit
import Testing

@Suite struct SandboxTests {
    @Test func runsAQueryOnTheContext() throws {
        let sandbox = try SQLSandbox(context: "CREATE TABLE t (id INT, name VARCHAR(20)); INSERT INTO t VALUES (1, 'a'), (2, 'b');")
        let result = try sandbox.run("SELECT name FROM t WHERE id > 1")
        #expect(result.columns == ["name"])
        #expect(result.rows == [[.text("b")]])
        #expect(sandbox.loadReport.isComplete)
        #expect(sandbox.loadReport.loaded == 2)
    }

    @Test func loadsMySQLAndPostgreSQLSpellings() throws {
        let context = """
            CREATE TABLE `orders` (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, status ENUM('open','closed') COMMENT 'state',
              amount DECIMAL(10,2) UNSIGNED, placed DATE, paid BOOLEAN DEFAULT false,
              updated TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE TABLE events (id SERIAL PRIMARY KEY, name TEXT COLLATE utf8mb4_bin, at TIMESTAMP);
            INSERT INTO `orders` (status, amount, placed, paid) VALUES ('open', 10.50, DATE '2023-01-05', true), ('closed', 3, '2023-02-01', FALSE);
            INSERT INTO events (name, at) VALUES ('launch', '2023-03-01 10:00:00'::timestamp);
            CREATE TABLE table_name_12 (group VARCHAR, race VARCHAR);
            USE shop;
            """
        let sandbox = try SQLSandbox(context: context)
        #expect(sandbox.loadReport.failed == [], "\(sandbox.loadReport.failed)")
        #expect(sandbox.loadReport.skipped.count == 1)
        #expect(sandbox.loadReport.rewritten.count >= 4)
        let result = try sandbox.run("SELECT id, status, amount, placed, paid FROM orders ORDER BY id")
        #expect(result.rows == [[.integer(1), .text("open"), .real(10.5), .text("2023-01-05"), .integer(1)],
                                [.integer(2), .text("closed"), .integer(3), .text("2023-02-01"), .integer(0)]])
        #expect(try sandbox.run("SELECT at FROM events").rows == [[.text("2023-03-01 10:00:00")]])
    }

    @Test func mergesATableDeclaredTwice() throws {
        let sandbox = try SQLSandbox(context: "CREATE TABLE person (age INTEGER); CREATE TABLE Person (age INTEGER, name VARCHAR);")
        #expect(sandbox.loadReport.isComplete, "\(sandbox.loadReport.failed)")
        #expect(try sandbox.run("SELECT name, age FROM person").columns == ["name", "age"])
    }

    @Test func schemaQualifiedTablesLiveInAttachedMemoryDatabases() throws {
        let sandbox = try SQLSandbox(context: "CREATE TABLE hr.staff (id INT, name TEXT); INSERT INTO hr.staff VALUES (1, 'Ana');")
        #expect(sandbox.loadReport.isComplete, "\(sandbox.loadReport.failed)")
        #expect(try sandbox.run("SELECT name FROM hr.staff").rows == [[.text("Ana")]])
        #expect(try sandbox.state().tables.keys.sorted() == ["hr.staff"])
    }

    @Test func reportsStatementsThatDoNotLoad() throws {
        let sandbox = try SQLSandbox(context: "CREATE TABLE t (x INT); INSERT INTO missing VALUES (1); INSERT INTO t VALUES (2);")
        #expect(sandbox.loadReport.loaded == 2)
        #expect(sandbox.loadReport.failed.count == 1)
        #expect(sandbox.loadReport.failed.first?.statement == 1)
        #expect(sandbox.loadReport.failed.first?.detail.contains("no such table: missing") == true)
    }

    @Test func translatesMySQLFunctionsInQueries() throws {
        let sandbox = try SQLSandbox(context: "CREATE TABLE s (d DATE, a TEXT, b TEXT); INSERT INTO s VALUES ('2021-06-15', 'x', 'y');")
        let result = try sandbox.run("SELECT YEAR(d), MONTH(d), CONCAT(a, '-', b), DATE_SUB(d, INTERVAL 1 YEAR), EXTRACT(DAY FROM d) FROM s WHERE a ILIKE 'X'")
        #expect(result.rows == [[.integer(2021), .integer(6), .text("x-y"), .text("2020-06-15"), .integer(15)]])
        #expect(!result.rewrites.isEmpty)
        let valid = try sandbox.run("SELECT strftime('%Y', d) FROM s")
        #expect(valid.rewrites.isEmpty)
    }

    @Test func runsExactlyOneStatement() throws {
        let sandbox = try SQLSandbox()
        #expect(throws: SandboxError.multipleStatements(2)) { try sandbox.run("SELECT 1; SELECT 2") }
        #expect(throws: SandboxError.emptyStatement) { try sandbox.run(" -- nothing\n ;") }
        #expect(try sandbox.run("SELECT 1;").rows == [[.integer(1)]])
    }

    @Test func sqliteErrorsAreTyped() throws {
        let sandbox = try SQLSandbox()
        do {
            _ = try sandbox.run("SELECT * FROM nowhere")
            Issue.record("expected an error")
        } catch {
            guard case .sqlite(_, let message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(message.contains("no such table: nowhere"))
        }
    }

    @Test func dialectLexerRoundTrips() {
        let sql = "SELECT `a`, \"b\", [c], 'it''s', 1.5e3, x::int -- tail\n/* c */ FROM t WHERE y <= ?1 AND z = :name;"
        #expect(SQLLexer.tokenize(sql).map(\.text).joined() == sql)
    }
}
