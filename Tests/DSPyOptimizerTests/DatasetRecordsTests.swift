import DSPyTesting
import Foundation
import JSON
import Testing
@testable import DSPy

@Suite struct DatasetRecordsTests {
    static let sharedData = ReferencePython.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dspy-datasets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func readsTheSharedGretelRows() throws {
        let url = Self.sharedData.appendingPathComponent("gretel_text2sql_test_150.jsonl")
        let records = try DatasetRecords.file(url).selecting(["sql_prompt", "sql_context", "sql"], source: url.path)
        #expect(records.rows.count == 150)
        #expect(records.columns == ["sql_prompt", "sql_context", "sql"])
        #expect(records.rows.allSatisfy { $0["sql"]?.stringValue?.isEmpty == false })
    }

    @Test func loaderMakesExamplesWithInputs() throws {
        let url = Self.sharedData.appendingPathComponent("gretel_text2sql_test_150.jsonl")
        let examples = try DataLoader(seed: 0).fromFile(url.path, fields: ["sql_prompt", "sql_context", "sql"],
                                                        inputKeys: ["sql_prompt", "sql_context"])
        #expect(examples.count == 150)
        #expect(examples[0].keys() == ["sql_prompt", "sql_context", "sql"])
        #expect(try examples[0].labels().keys() == ["sql"])
    }

    @Test func keepsColumnOrderOfJSONLines() throws {
        let records = try DatasetRecords.jsonLines(#"{"b": 1, "a": "x"}"# + "\n\n" + #"{"a": "y", "b": 2, "c": null}"#, source: "t")
        #expect(records.columns == ["b", "a", "c"])
        #expect(records.rows[1]["a"] == "y")
    }

    @Test func csvQuotesTypesAndEmptyCells() throws {
        let text = "id,question,score\r\n1,\"Hello, \"\"world\"\"\nsecond line\",0.5\n2,,1\n"
        let records = try DatasetRecords.csv(text, source: "t.csv")
        #expect(records.columns == ["id", "question", "score"])
        #expect(records.rows[0]["id"] == .int(1))
        #expect(records.rows[0]["question"] == "Hello, \"world\"\nsecond line")
        #expect(records.rows[0]["score"] == .double(0.5))
        #expect(records.rows[1]["question"] == .null)
    }

    @Test func badRowsNameFileRowAndField() throws {
        let jsonl = try temporaryFile("bad.jsonl", "{\"a\": 1}\n{\"a\": 2\n")
        #expect(throws: DatasetError(source: jsonl.path, row: 2, reason: .malformed("not valid JSON"))) {
            try DatasetRecords.file(jsonl)
        }
        let notObject = try temporaryFile("list.jsonl", "{\"a\": 1}\n[1, 2]\n")
        #expect(throws: DatasetError(source: notObject.path, row: 2, reason: .notAnObject)) { try DatasetRecords.file(notObject) }

        let array = try temporaryFile("bad.json", "[{\"a\": 1},\n {\"a\" 2}]")
        #expect(throws: DatasetError(source: array.path, reason: .malformed("not valid JSON (line 2, column 7)"))) {
            try DatasetRecords.file(array)
        }
        let mixed = try temporaryFile("mixed.json", "[{\"a\": 1}, 2]")
        #expect(throws: DatasetError(source: mixed.path, row: 2, reason: .notAnObject)) { try DatasetRecords.file(mixed) }

        let csv = try temporaryFile("bad.csv", "a,b\n1,2\n3\n")
        #expect(throws: DatasetError(source: csv.path, row: 3, reason: .wrongColumnCount(expected: 2, found: 1))) {
            try DatasetRecords.file(csv)
        }
        let unterminated = try temporaryFile("open.csv", "a,b\n1,\"2\n")
        #expect(throws: DatasetError(source: unterminated.path, row: 2, reason: .malformed("unterminated quoted field"))) {
            try DatasetRecords.file(unterminated)
        }

        let missing = try temporaryFile("missing.jsonl", "{\"q\": 1, \"a\": 2}\n{\"q\": 3}\n")
        let records = try DatasetRecords.file(missing)
        do {
            _ = try records.selecting(["q", "a"], source: missing.path)
            Issue.record("expected an error")
        } catch {
            #expect(error == DatasetError(source: missing.path, row: 2, reason: .missingField("a")))
            #expect(error.description == "\(missing.path), row 2: missing field 'a'")
        }
        let header = try temporaryFile("columns.csv", "q,a\n1,2\n")
        #expect(throws: DatasetError(source: header.path, row: 1, reason: .missingField("sql"))) {
            try DataLoader(seed: 0).fromFile(header.path, fields: ["q", "sql"])
        }
        let absent = URL(fileURLWithPath: "/nonexistent/rows.jsonl")
        #expect(throws: DatasetError.self) { try DatasetRecords.file(absent) }
    }
}
