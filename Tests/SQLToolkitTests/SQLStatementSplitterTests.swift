import SQLSyntax
import Testing

@Suite struct SQLStatementSplitterTests {
    @Test func aTriggerBodyWithSeveralStatementsStaysOneStatement() {
        let sql = """
            CREATE TABLE t (x INT, y INT);
            CREATE TRIGGER tr AFTER INSERT ON t BEGIN
                UPDATE t SET x = 1 WHERE y IS NULL;
                UPDATE t SET y = CASE WHEN x > 0 THEN 1 ELSE 0 END;
            END;
            SELECT 'a;b' FROM t; -- done;
            """
        let statements = SQLStatementSplitter.statements(sql)
        #expect(statements.count == 3, "\(statements)")
        #expect(statements[1].hasPrefix("CREATE TRIGGER tr"))
        #expect(statements[1].hasSuffix("ELSE 0 END;\nEND"))
        #expect(statements[2] == "SELECT 'a;b' FROM t")
    }

    @Test func firstCountsTheBytesUpToItsSemicolon() throws {
        let tokens = SQLLexer.tokenize(";  SELECT 1; SELECT 2")
        let (statement, length) = try #require(SQLStatementSplitter.first(of: tokens))
        #expect(SQLStatementSplitter.text(of: statement) == "SELECT 1")
        #expect(length == ";  SELECT 1;".utf8.count)
    }
}
