import Foundation
import JSON
import Testing
@testable import DSPy

@Suite struct HuggingFaceDatasetTests {
    static let rowsFile = DatasetRecordsTests.sharedData.appendingPathComponent("gretel_text2sql_test_150.jsonl")

    func cacheDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dspy-hf-cache-\(UUID().uuidString)")
    }

    @Test func fetchesPagesThenLoadsOfflineFromTheCache() throws {
        let server = try LocalServer(script: "datasets_server.py",
                                     arguments: ["gretelai/synthetic_text_to_sql", "test", Self.rowsFile.path])
        let cache = cacheDirectory()
        let dataset = HuggingFaceDataset("gretelai/synthetic_text_to_sql", split: "test", endpoint: server.url,
                                         cacheDirectory: cache, pageLength: 40)
        let fields = ["sql_prompt", "sql_context", "sql"]
        let fetched = try dataset.records(fields: fields)
        let expected = try DatasetRecords.file(Self.rowsFile).selecting(fields, source: "")
        #expect(fetched == expected)
        let stats = try JSONValue(parsing: Data(contentsOf: URL(string: server.url + "/stats")!))
        #expect(stats["requests"] == 4)  // 150 rows in pages of 40

        server.stop()
        let offline = try dataset.records(fields: fields)
        #expect(offline == expected)
        let firstFifty = try dataset.records(limit: 40)
        #expect(firstFifty.rows.count == 40)
    }

    @Test func unknownDatasetIsADownloadError() throws {
        let server = try LocalServer(script: "datasets_server.py", arguments: ["a/b", "train", Self.rowsFile.path])
        let dataset = HuggingFaceDataset("nobody/nothing", split: "train", endpoint: server.url, cacheDirectory: cacheDirectory())
        do {
            _ = try dataset.records()
            Issue.record("expected an error")
        } catch let error as DatasetError {
            guard case .download(let why) = error.reason else { Issue.record("unexpected \(error)"); return }
            #expect(why.contains("HTTP 404"))
            #expect(error.source.contains("dataset=nobody/nothing"))
        }
    }

    @Test func missingFieldNamesTheRow() throws {
        let server = try LocalServer(script: "datasets_server.py", arguments: ["a/b", "train", Self.rowsFile.path])
        let dataset = HuggingFaceDataset("a/b", split: "train", endpoint: server.url, cacheDirectory: cacheDirectory())
        #expect(throws: DatasetError(source: "a/b [default/train]", row: 1, reason: .missingField("nope"))) {
            try dataset.records(fields: ["sql", "nope"], limit: 5)
        }
    }
}
