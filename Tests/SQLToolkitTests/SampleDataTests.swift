import Foundation
import SQLite
import SQLToolkit
import Testing

@Suite struct SampleDataTests {
    @Test func coversThirtyDomainsAndEveryComplexity() throws {
        let records = try SampleData.text2sqlRecords()
        #expect(records.count >= 300)
        #expect(Set(records.compactMap(\.domain)).count >= 30)
        let complexities = Set(records.compactMap(\.sqlComplexity))
        #expect(complexities == ["basic SQL", "aggregation", "single join", "multiple_joins", "subqueries",
                                 "window functions", "set operations", "data manipulation"])
        #expect(Set(records.map(\.sqlPrompt)).count == records.count, "prompts repeat")
        #expect(records.allSatisfy { $0.sqlContext.contains("CREATE TABLE") && $0.sqlContext.contains("INSERT INTO") })
    }

    /// Every gold query runs on its own context with a non-empty result (rows, or changed rows for DML), and each
    /// plausible wrong variant of it (the generator's list) is graded something other than a match.
    @Test func goldQueriesAreNonEmptyAndNotReproducedByWrongVariants() throws {
        let grader = ExecutionAccuracy()
        for record in try SampleData.text2sqlRecords() {
            let name = "id \(record.id?.serialized() ?? "?")"
            let sandbox = try SQLSandbox(context: record.sqlContext)
            #expect(sandbox.loadReport.isComplete, "\(name): \(sandbox.loadReport.failed)")
            let result = try sandbox.run(record.sql)
            #expect(result.isReadOnly ? !result.rows.isEmpty : result.changes > 0, "\(name) is empty")
            #expect(grader.grade(context: record.sqlContext, gold: record.sql, predicted: record.sql) == .match, "\(name)")
            let variants = Self.wrongVariants(of: record.sql)
            #expect(!variants.isEmpty, "\(name) has no wrong variant")
            for variant in variants {
                let verdict = grader.grade(context: record.sqlContext, gold: record.sql, predicted: variant)
                #expect(!verdict.isMatch, "\(name): \(variant) reproduces the gold result")
            }
        }
    }

    /// Plausible mistakes, each changing the first occurrence of one thing (mirrors the generator's `mutations`).
    static func wrongVariants(of sql: String) -> [String] {
        let swaps = [("SUM(", "AVG("), ("AVG(", "SUM("), ("MAX(", "MIN("), ("MIN(", "MAX("), (" DESC", " ASC"), (" ASC", " DESC"),
                     (" > ", " < "), (" < ", " > "), ("UNION ", "UNION ALL "), ("INTERSECT ", "UNION "), ("EXCEPT ", "INTERSECT "),
                     ("NOT IN (", "IN (")]
        var variants = swaps.compactMap { from, to in
            sql.range(of: from).map { sql.replacingCharacters(in: $0, with: to) }
        }
        if let open = sql.firstIndex(of: "'"), let close = sql[sql.index(after: open)...].firstIndex(of: "'") {
            variants.append(String(sql[...open]) + String(sql[close...]))
        }
        return variants
    }
}
