import DSPy
import DSPyTesting
import Foundation

/// A Python reference run and the Swift run, each against its own recording arithmetic server, with the requests
/// both sent cut into phases: the conformance harness of the optimizers that call a prompt model between
/// parallel evaluations (COPRO, SIMBA).
struct RecordedRequests<Report: Decodable> {
    /// What the reference fixture printed.
    let reference: Report
    /// Per phase: the prompt-model request that opens it ("" before the first one), then the other requests sorted,
    /// since threads interleave them.
    let python: [[String]]
    let swift: [[String]]

    /// Runs `Fixtures/<fixture>` with its server's URL, then `body` with its report and an LM for the Swift server
    /// configured.
    /// - Parameter marker: text found only in the prompt-model requests that open phases.
    init(fixture: String, marker: String, _ body: (Report) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pythonRecord = directory.appendingPathComponent("python.jsonl").path
        let swiftRecord = directory.appendingPathComponent("swift.jsonl").path

        let pythonServer = try LocalServer(script: "arithmetic_server.py", arguments: ["--record", pythonRecord])
        defer { pythonServer.stop() }
        let output = try ReferencePython.runFixture(fixture, arguments: [pythonServer.url])
        let reference = try JSONDecoder().decode(Report.self, from: Data(output.utf8))
        self.reference = reference

        let server = try LocalServer(script: "arithmetic_server.py", arguments: ["--record", swiftRecord])
        defer { server.stop() }
        let lm = LM("openai/arithmetic", apiBase: server.url + "/v1", apiKey: "local", cache: false)
        try context(lm: lm) { try body(reference) }
        python = try Self.phases(recordedAt: pythonRecord, marker: marker)
        swift = try Self.phases(recordedAt: swiftRecord, marker: marker)
    }

    /// Keys are sorted: Python's native engine writes `model` and `messages` first, Swift's client in key order.
    private static func phases(recordedAt path: String, marker: String) throws -> [[String]] {
        let bodies = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: sorted, as: UTF8.self)
        }
        var phases: [[String]] = []
        for body in bodies {
            if body.contains(marker) {
                phases.append([body])
            } else if phases.isEmpty {
                phases.append(["", body])
            } else {
                phases[phases.count - 1].append(body)
            }
        }
        return phases.map { [$0[0]] + $0.dropFirst().sorted() }
    }
}
