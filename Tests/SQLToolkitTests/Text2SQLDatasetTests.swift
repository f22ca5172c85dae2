import DSPy
import Foundation
import SQLToolkit
import Testing

/// The study's data by name: data files named in the environment, else the Hub, else the built-in sample.
@Suite struct Text2SQLDatasetTests {
    /// A datasets-server that refuses connections: nothing listens on port 1.
    static let unreachableHub = "http://127.0.0.1:1"

    static func write(_ lines: [String]) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appending(path: "text2sql-\(UUID().uuidString).jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func filesNamedInTheEnvironmentAreReadFieldByField() throws {
        let train = try Self.write([
            #"{"id": 1, "sql_prompt": "How many?", "sql_context": "CREATE TABLE t (x INT);", "sql": "SELECT count(*) FROM t", "domain": "d"}"#,
            #"{"id": 2, "sql_prompt": "All?", "sql_context": "CREATE TABLE t (x INT);", "sql": "SELECT * FROM t"}"#,
        ])
        let test = try Self.write([#"{"sql_prompt": "Max?", "sql_context": "CREATE TABLE t (x INT);", "sql": "SELECT max(x) FROM t"}"#])
        let dataset = try Text2SQLDataset.load(environment: ["TEXT2SQL_TRAIN": train.path, "TEXT2SQL_TEST": test.path],
                                               hubEndpoint: Self.unreachableHub)
        #expect(dataset.train.count == 2 && dataset.test.count == 1)
        #expect(dataset.train[0].keys() == ["sql_prompt", "sql_context", "sql"])
        #expect(try dataset.train[0].inputs().keys() == ["sql_prompt", "sql_context"])
        #expect(dataset.test[0].sql == "SELECT max(x) FROM t")
        #expect(dataset.source == "train \(train.lastPathComponent), test \(test.lastPathComponent)")
        #expect(dataset.hubError == nil)
    }

    @Test func aFileMissingAFieldIsAnErrorNamingFileRowAndField() throws {
        let train = try Self.write([
            #"{"sql_prompt": "How many?", "sql_context": "CREATE TABLE t (x INT);", "sql": "SELECT 1"}"#,
            #"{"sql_prompt": "All?", "sql": "SELECT * FROM t"}"#,
        ])
        #expect(throws: DatasetError(source: train.path, row: 2, reason: .missingField("sql_context"))) {
            try Text2SQLDataset.load(environment: ["TEXT2SQL_TRAIN": train.path], hubEndpoint: Self.unreachableHub)
        }
    }

    @Test func anUnreachableHubFallsBackToTheBuiltInSampleSayingWhy() throws {
        let dataset = try Text2SQLDataset.load(environment: [:], hubEndpoint: Self.unreachableHub)
        let sample = try SampleData.text2sql()
        #expect(dataset.train.count + dataset.test.count == sample.count)
        #expect(dataset.test.count == sample.count / 3)
        #expect(dataset.test[0].sql_prompt == sample[2].sql_prompt)
        #expect(dataset.train[0].keys() == ["sql_prompt", "sql_context", "sql"])
        #expect(dataset.source == "the built-in sample")
        #expect(dataset.hubError?.contains("127.0.0.1:1") == true, "\(dataset.hubError ?? "nil")")
        #expect("\(dataset)".contains("train split: \(dataset.train.count) rows from the built-in sample"))
    }
}
