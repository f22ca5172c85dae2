import Foundation

/// The scripted OpenAI-compatible server (Tests/Servers/openai_test_server.py), run as a child process on
/// 127.0.0.1 for one test and stopped when the test drops it.
final class OpenAITestServer {
    let process = Process()
    /// e.g. "http://127.0.0.1:41234".
    let baseURL: String

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Servers/openai_test_server.py").standardized.path
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw ServerDidNotStart(output: String(decoding: line, as: UTF8.self)) }
            line.append(chunk)
        }
        let first = String(decoding: line, as: UTF8.self).split(separator: "\n")[0]
        guard first.hasPrefix("listening on ") else { throw ServerDidNotStart(output: String(first)) }
        baseURL = String(first.dropFirst("listening on ".count))
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    struct ServerDidNotStart: Error { let output: String }
}
