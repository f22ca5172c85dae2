import Foundation
import SQLToolkit

/// The shared real-data folder beside the repository (`../shared/data`), never copied into it.
enum SharedData {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static func records(_ name: String) throws -> [Text2SQLRecord] {
        try Text2SQLRecord.read(path: folder.appendingPathComponent(name).path)
    }

    static var gretel: [Text2SQLRecord] { get throws { try records("gretel_text2sql_test_150.jsonl") } }
    static var createContext: [Text2SQLRecord] { get throws { try records("sql_create_context_1000.jsonl") } }
}
