import Foundation
import HTTPClient
import JSON
import Testing
@testable import DSPy
import DSPyTesting

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
        let stats = try JSONValue(parsing: Data(HTTPClient.shared.get(server.url + "/stats").body))
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

    /// The rows a DSPy user of the study's notebook draws: 100 train and 75 test rows sampled with seed 1399, the
    /// 100 split 75/25 — ids of train, validation and test.
    struct Draw: Decodable, Equatable {
        let train: [Int]
        let val: [Int]
        let test: [Int]
    }

    @Test func readsASplitOfMoreThan2000RowsWholeAndDrawsTheRowsDSPyDraws() throws {
        let directory = cacheDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let rows = try DatasetRecords.file(Self.rowsFile).rows
        let file = directory.appendingPathComponent("split.jsonl")
        let lines = (0..<2_345).map { index in
            JSONValue.object(rows[index % rows.count].merging(["id": .int(index)]) { _, new in new }).serialized()
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        // Every fifth request is turned away with 429, as the real server does when asked too fast.
        let server = try LocalServer(script: "datasets_server.py", arguments: ["a/big", "train", file.path, "--throttle", "5"])
        let dataset = HuggingFaceDataset("a/big", split: "train", endpoint: server.url, cacheDirectory: directory.appendingPathComponent("cache"))
        let fields = ["id", "sql_prompt", "sql_context", "sql"]
        let fetched = try RecordingPresenter.recording { recorder in
            let fetched = try dataset.records(fields: fields)
            #expect(recorder.progressUpdates.last?.line().contains("23/23") == true, "a bar over the 23 pages after the first")
            return fetched
        }
        #expect(fetched.rows.map { $0["id"]?.intValue } == (0..<2_345).map { $0 })
        let stats = try JSONValue(parsing: Data(HTTPClient.shared.get(server.url + "/stats").body))
        #expect((stats["requests"]?.intValue ?? 0) > 24, "24 pages of 100, and the 429s retried")
        server.stop()
        #expect(try dataset.records(fields: fields) == fetched, "offline, from the cache")

        var loader = DataLoader(seed: 1399)
        let examples = fetched.examples(inputs: ["sql_prompt", "sql_context"])
        let sampledTrain = try loader.sample(examples, n: 100)
        let sampledTest = try loader.sample(examples, n: 75)
        let split = try loader.trainTestSplit(sampledTrain, testSize: 0.25, randomState: 1399)
        let ids = { (examples: [Example]) in examples.map { $0["id"]?.intValue ?? -1 } }
        let python = try ReferencePython.json(Draw.self, """
            import json, random, sys
            import dspy
            from dspy.datasets.dataloader import DataLoader
            rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
            examples = [dspy.Example({f: row[f] for f in ("id", "sql_prompt", "sql_context", "sql")})
                        .with_inputs("sql_prompt", "sql_context") for row in rows]
            loader = DataLoader()
            random.seed(1399)
            train, test = loader.sample(examples, 100), loader.sample(examples, 75)
            split = loader.train_test_split(train, test_size=0.25, random_state=1399)
            print(json.dumps({"train": [e.id for e in split["train"]], "val": [e.id for e in split["test"]],
                              "test": [e.id for e in test]}))
            """, arguments: [file.path])
        #expect(Draw(train: ids(split.train), val: ids(split.test), test: ids(sampledTest)) == python)
    }

    @Test func truncatedCellNamesTheRowAndField() throws {
        let server = try LocalServer(script: "datasets_server.py",
                                     arguments: ["a/b", "train", Self.rowsFile.path, "--truncate", "42:sql_context"])
        let dataset = HuggingFaceDataset("a/b", split: "train", endpoint: server.url, cacheDirectory: cacheDirectory())
        do {
            _ = try RecordingPresenter.recording { _ in try dataset.records() }
            Issue.record("a truncated cell was read as the whole value")
        } catch let error as DatasetError {
            #expect(error.row == 43)
            #expect(error.description.contains("truncated field 'sql_context'"))
        }
    }
}
