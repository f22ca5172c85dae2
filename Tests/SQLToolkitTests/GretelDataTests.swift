import SQLite
import SQLToolkit
import Testing

/// Checks on real rows of the shared data folder.
@Suite struct GretelDataTests {
    @Test func everyGoldQueryMatchesItself() throws {
        let records = try SharedData.gretel
        #expect(records.count == 150)
        let grader = ExecutionAccuracy()
        for record in records {
            let verdict = grader.grade(context: record.sqlContext, gold: record.sql, predicted: record.sql)
            #expect(verdict == .match, "id \(record.id?.serialized() ?? "?"): \(verdict)")
        }
    }

    @Test func everyContextLoadsWithoutFailures() throws {
        for record in try SharedData.gretel {
            let sandbox = try SQLSandbox(context: record.sqlContext)
            #expect(sandbox.loadReport.isComplete, "id \(record.id?.serialized() ?? "?"): \(sandbox.loadReport.failed)")
        }
    }

    @Test func everyCreateContextRowLoads() throws {
        let records = try SharedData.createContext
        #expect(records.count == 1000)
        var goldRuns = 0
        var failures: [String] = []
        for (index, record) in records.enumerated() {
            let sandbox = try SQLSandbox(context: record.sqlContext)
            if !sandbox.loadReport.isComplete { failures.append("row \(index): \(sandbox.loadReport.failed)") }
            if (try? sandbox.run(record.sql)) != nil { goldRuns += 1 }
        }
        #expect(failures == [])
        // 16 gold queries are themselves broken (`OFFSET` without LIMIT, `$_` aliases, `[a_]` in names, ...).
        print("sql_create_context_1000: \(records.count - failures.count)/\(records.count) contexts load, \(goldRuns) gold queries run")
        #expect(goldRuns >= 984)
    }
}

extension GretelDataTests {
    /// Wrong variants are graded mismatch (or pred_error) exactly when their results differ, judged independently
    /// on a plain SQLite connection (numbers compared by value; order only when the gold query orders).
    @Test func wrongVariantsAreMismatchedWheneverTheirResultsDiffer() throws {
        let grader = ExecutionAccuracy()
        var checked = 0
        var differing = 0
        for record in try SharedData.gretel {
            let db = try Connection()
            try db.execute(record.sqlContext)
            let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table'").rows.compactMap { $0.first?.description }
            var columns: [String: [String]] = [:]
            for table in tables {
                columns[table] = try db.query("SELECT name FROM pragma_table_info(?)", [.text(table)]).rows.compactMap { $0.first?.description.lowercased() }
            }
            let ordered = record.sql.uppercased().contains("ORDER BY") && !record.sql.uppercased().contains("OVER (ORDER BY")
            let gold = try Self.normalized(db.query(record.sql).rows, ordered: ordered)
            for (kind, variant) in WrongVariants.all(of: record.sql, columns: columns) {
                let verdict = grader.grade(context: record.sqlContext, gold: record.sql, predicted: variant)
                let raw = try? Self.normalized(db.query(variant).rows, ordered: ordered)
                checked += 1
                if raw != gold {
                    differing += 1
                    #expect(!verdict.isMatch, "id \(record.id?.serialized() ?? "?") \(kind): \(variant)")
                } else {
                    #expect(verdict.isMatch, "id \(record.id?.serialized() ?? "?") \(kind): \(variant) → \(verdict)")
                }
            }
        }
        print("gretel wrong variants: \(checked) checked, \(differing) with a different result")
        #expect(checked >= 300)
    }

    static func normalized(_ rows: [[SQLiteValue]], ordered: Bool) -> [String] {
        let text = rows.map { row in
            row.map { value -> String in
                switch value {
                case .integer(let number): "\(Double(number))"
                case .real(let number): "\(number)"
                default: value.description
                }
            }.joined(separator: "|")
        }
        return ordered ? text : text.sorted()
    }
}
