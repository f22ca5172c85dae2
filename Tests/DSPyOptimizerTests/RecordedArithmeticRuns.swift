import Foundation
import DSPy
import DSPyTesting

/// A Python fixture and the Swift side of a conformance test, each run against its own copy of the arithmetic
/// server recording every request body.
enum RecordedArithmeticRuns {
    /// What both sides did: the fixture's report and each side's request bodies in arrival order, keys sorted
    /// (Python's native engine writes `model` and `messages` first, Swift's client in key order).
    struct Runs<Report> {
        let reference: Report
        let pythonRequests: [String]
        let swiftRequests: [String]
    }

    /// Runs `Fixtures/<fixture>` with the Python server's URL, decodes its stdout as `Report`, then runs `swift`
    /// with an uncached LM on the Swift server, configured as the default.
    static func run<Report: Decodable>(
        fixture: String, report: Report.Type, swift: (Report) throws -> Void
    ) throws -> Runs<Report> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pythonRecord = directory.appendingPathComponent("python.jsonl").path
        let swiftRecord = directory.appendingPathComponent("swift.jsonl").path

        let pythonServer = try LocalServer(script: "arithmetic_server.py", arguments: ["--record", pythonRecord])
        defer { pythonServer.stop() }
        let output = try ReferencePython.runFixture(fixture, arguments: [pythonServer.url])
        let reference = try JSONDecoder().decode(Report.self, from: Data(output.utf8))

        let server = try LocalServer(script: "arithmetic_server.py", arguments: ["--record", swiftRecord])
        defer { server.stop() }
        let lm = LM("openai/arithmetic", apiBase: server.url + "/v1", apiKey: "local", cache: false)
        try context(lm: lm) { try swift(reference) }
        return Runs(reference: reference, pythonRequests: try bodies(recordedAt: pythonRecord),
                    swiftRequests: try bodies(recordedAt: swiftRecord))
    }

    private static func bodies(recordedAt path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: sorted, as: UTF8.self)
        }
    }
}
