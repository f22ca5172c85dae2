import Foundation
import JSON
import SQLite
import SQLToolkit
import Testing

/// Wrong predictions written by hand, as a model would err, for a sample of the real rows.
///
/// `Fixtures/gretel_wrong_variants.jsonl` holds one per line: the row's `id` in the shared data (never the row
/// itself), the `kind` of mistake, the predicted `sql`, and the `verdict` expected from reading the row's data
/// (`match` where the mistake happens not to change the result on that data).
@Suite struct HandWrittenVariantsTests {
    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    struct Variant {
        var id: Int
        var kind: String
        var sql: String
        var verdict: String
    }

    static var variants: [Variant] {
        get throws {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/gretel_wrong_variants.jsonl").path
            return try JSONLines.read(path: path).enumerated().map { line, json in
                guard let id = json["id"]?.intValue, let kind = json["kind"]?.stringValue,
                      let sql = json["sql"]?.stringValue, let verdict = json["verdict"]?.stringValue else {
                    throw FixtureError(description: "\(path):\(line + 1): needs id, kind, sql and verdict")
                }
                return Variant(id: id, kind: kind, sql: sql, verdict: verdict)
            }
        }
    }

    @Test func everyVariantGetsItsVerdictAndMismatchesExactlyWhenItsResultDiffers() throws {
        let records = try Dictionary(uniqueKeysWithValues: SharedData.gretel.compactMap { record in
            record.id?.intValue.map { ($0, record) }
        })
        let variants = try Self.variants
        #expect(variants.count >= 25)
        let kinds = Set(variants.map(\.kind))
        for kind in ["wrong column", "missing filter", "wrong aggregate", "wrong join key", "wrong ORDER BY with LIMIT"] {
            #expect(kinds.contains(kind), "no variant of kind \(kind)")
        }
        let grader = ExecutionAccuracy()
        for variant in variants {
            guard let record = records[variant.id] else {
                Issue.record("no row with id \(variant.id) in the shared data")
                continue
            }
            let verdict = grader.grade(context: record.sqlContext, gold: record.sql, predicted: variant.sql)
            #expect(verdict.name == variant.verdict, "id \(variant.id) \(variant.kind): \(verdict)")
            // Judged apart from the grader: both queries on a plain connection, each row compared as the sorted text
            // of its values (column order and names do not count, as in the grader's rules).
            let db = try Connection()
            try db.execute(record.sqlContext)
            let ordered = record.sql.uppercased().contains("ORDER BY") && !record.sql.uppercased().contains("OVER (")
            let gold = try GretelDataTests.normalized(db.query(record.sql).rows.map(Self.sortedValues), ordered: ordered)
            guard let predicted = try? GretelDataTests.normalized(db.query(variant.sql).rows.map(Self.sortedValues), ordered: ordered) else {
                #expect(verdict.name == "pred_error", "id \(variant.id) \(variant.kind): \(verdict)")
                continue
            }
            #expect(verdict.isMatch == (predicted == gold), "id \(variant.id) \(variant.kind): \(verdict)")
        }
    }

    static func sortedValues(_ row: [SQLiteValue]) -> [SQLiteValue] { row.sorted { $0.description < $1.description } }
}
