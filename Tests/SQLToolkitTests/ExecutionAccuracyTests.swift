import JSON
import SQLite
import SQLToolkit
import Testing

@Suite struct ExecutionAccuracyTests {
    static let context = """
        CREATE TABLE emp (id INT, name VARCHAR(20), dept VARCHAR(10), salary DECIMAL(10,2));
        INSERT INTO emp VALUES (1, 'Ann', 'IT', 100.0), (2, 'Bob', 'IT', 80.5), (3, 'Cy', 'HR', 70.25), (4, 'Di', 'HR', 70.25);
        """
    let grader = ExecutionAccuracy()

    func grade(_ gold: String, _ predicted: String) -> Verdict {
        grader.grade(context: Self.context, gold: gold, predicted: predicted)
    }

    @Test func aliasesColumnOrderAndRowOrderDoNotMatter() {
        #expect(grade("SELECT name, salary FROM emp WHERE dept = 'IT'", "SELECT salary AS s, name AS n FROM emp WHERE dept = 'IT' ORDER BY salary") == .match)
        #expect(grade("SELECT dept, COUNT(*) FROM emp GROUP BY dept", "SELECT COUNT(id) AS c, dept FROM emp GROUP BY dept") == .match)
    }

    @Test func orderMattersOnlyWhenTheGoldQueryOrdersItsOutermostResult() {
        #expect(grade("SELECT name FROM emp ORDER BY salary DESC", "SELECT name FROM emp ORDER BY salary ASC").name == "mismatch")
        #expect(grade("SELECT name FROM (SELECT name FROM emp ORDER BY salary DESC)", "SELECT name FROM emp ORDER BY name") == .match)
        #expect(grade("SELECT name, RANK() OVER (ORDER BY salary) FROM emp", "SELECT name, RANK() OVER (ORDER BY salary) FROM emp ORDER BY name DESC") == .match)
    }

    @Test func aFencedPredictionRunsTheCodeInsideTheFence() {
        // As Qwen2.5-Coder-0.5B answers through llama.cpp's server: a fence, sometimes with prose around it.
        #expect(grade("SELECT name FROM emp WHERE dept = 'HR'", "```sql\nSELECT name FROM emp WHERE dept = 'HR';\n```") == .match)
        #expect(grade("SELECT name FROM emp WHERE dept = 'HR'", "Here is the query:\n```\nSELECT name FROM emp\nWHERE dept = 'HR'\n```\nIt lists HR.") == .match)
        // A fence cut off by a stop sequence still yields the query; the wrong query inside one still mismatches.
        #expect(grade("SELECT name FROM emp WHERE dept = 'HR'", "```sql\nSELECT name FROM emp WHERE dept = 'HR'") == .match)
        #expect(grade("SELECT name FROM emp WHERE dept = 'HR'", "```sql\nSELECT name FROM emp\n```").name == "mismatch")
        #expect(CodeFence.unwrapped("SELECT 1") == "SELECT 1")
    }

    @Test func duplicatesCount() {
        #expect(grade("SELECT dept FROM emp", "SELECT DISTINCT dept FROM emp").name == "mismatch")
    }

    @Test func numbersCompareByValueWithRoundingTolerance() {
        #expect(grade("SELECT COUNT(*) FROM emp", "SELECT COUNT(*) * 1.0 FROM emp") == .match)
        #expect(grade("SELECT AVG(salary) FROM emp", "SELECT ROUND(AVG(salary), 2) FROM emp") == .match)
        #expect(grade("SELECT AVG(salary) FROM emp", "SELECT SUM(salary) / COUNT(*) FROM emp") == .match)
        #expect(grade("SELECT AVG(salary) FROM emp", "SELECT ROUND(AVG(salary)) FROM emp").name == "mismatch")
        #expect(grade("SELECT AVG(salary) FROM emp", "SELECT ROUND(AVG(salary), 1) FROM emp").name == "mismatch")
        #expect(grade("SELECT 'IT'", "SELECT 'it'").name == "mismatch")
    }

    @Test func mismatchesCarryAShortDiff() {
        let verdict = grade("SELECT name FROM emp WHERE dept = 'IT'", "SELECT name FROM emp")
        #expect(verdict == .mismatch(diff: "4 rows where the gold result has 2"))
        #expect(grade("SELECT name FROM emp", "SELECT name, dept FROM emp") == .mismatch(diff: "2 columns where the gold result has 1"))
    }

    @Test func errorsAreAttributed() {
        guard case .predError(let reason) = grade("SELECT name FROM emp", "SELECT nme FROM emp") else { Issue.record("expected pred_error"); return }
        #expect(reason.contains("no such column: nme"))
        guard case .goldError = grade("SELECT * FROM nowhere", "SELECT 1") else { Issue.record("expected gold_error"); return }
        guard case .predError(let denied) = grade("SELECT 1", "ATTACH 'x.db' AS x") else { Issue.record("expected pred_error"); return }
        #expect(denied.hasPrefix("denied"))
    }

    @Test func dataManipulationIsGradedByResultingState() {
        #expect(grade("UPDATE emp SET salary = salary * 1.1 WHERE dept = 'HR'", "UPDATE emp SET salary = salary + salary * 0.1 WHERE dept IN ('HR')") == .match)
        #expect(grade("DELETE FROM emp WHERE salary < 75", "DELETE FROM emp WHERE dept = 'HR'") == .match)
        #expect(grade("DELETE FROM emp WHERE salary < 75", "DELETE FROM emp WHERE salary < 90").name == "mismatch")
        #expect(grade("INSERT INTO emp VALUES (5, 'Eve', 'IT', 90)", "INSERT INTO emp (id, name, dept, salary) VALUES (5, 'Eve', 'IT', 90.0)") == .match)
        #expect(grade("INSERT INTO emp VALUES (5, 'Eve', 'IT', 90)", "SELECT * FROM emp").name == "mismatch")
    }

    @Test func batchGradingKeepsOrderAndCountsGoldErrors() throws {
        let items = [
            GradingItem(id: 1, context: Self.context, gold: "SELECT name FROM emp", predicted: "SELECT name FROM emp"),
            GradingItem(id: 2, context: Self.context, gold: "SELECT name FROM emp", predicted: "SELECT dept FROM emp"),
            GradingItem(id: 3, context: Self.context, gold: "SELECT broken", predicted: "SELECT 1"),
            GradingItem(id: 4, context: Self.context, gold: "SELECT 1", predicted: nil),
        ]
        let report = try grader.grade(items, threads: 3)
        #expect(report.rows.map(\.verdict.name) == ["match", "mismatch", "gold_error", "pred_error"])
        #expect(report.rows.map(\.id) == [1, 2, 3, 4])
        #expect(report.total == 4 && report.matched == 1 && report.goldErrors == 1)
        #expect(abs(report.accuracy - 1.0 / 3.0) < 1e-9)
    }
}

@Suite struct MetricAgreementTests {
    @Test func countsAgreementAndKappa() {
        let agreement = MetricAgreement([
            (judge: true, execution: .match), (judge: true, execution: .mismatch(diff: "x")),
            (judge: false, execution: .predError(reason: "y")), (judge: false, execution: .match),
            (judge: true, execution: .goldError(reason: "z")), (judge: true, execution: .match),
        ])
        #expect(agreement.total == 5 && agreement.goldErrors == 1)
        #expect(agreement.bothCorrect == 2 && agreement.bothIncorrect == 1)
        #expect(agreement.onlyJudgeCorrect == 1 && agreement.onlyExecutionCorrect == 1)
        #expect(abs(agreement.agreement - 0.6) < 1e-9)
        // judge 3/5, execution 3/5: chance = 0.36 + 0.16 = 0.52; kappa = (0.6 - 0.52) / 0.48.
        #expect(abs((agreement.cohensKappa ?? 0) - 0.08 / 0.48) < 1e-9)
    }
}
