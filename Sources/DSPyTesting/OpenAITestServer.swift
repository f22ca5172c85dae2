import Foundation
import HTTPClient

/// The scripted OpenAI-compatible server (Tests/Servers/openai_test_server.py), run as a child process on
/// 127.0.0.1 for one test and stopped when the test drops it.
// Unchecked: `process` is only signalled and waited for after `init`, which any thread may do.
public final class OpenAITestServer: @unchecked Sendable {
    private let process = Process()
    /// e.g. "http://127.0.0.1:41234".
    public let baseURL: String

    /// Starts the server and waits for its `listening on URL` line.
    public init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Tests/Servers/openai_test_server.py").standardized.path
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

    deinit { kill() }

    /// Kills the server at once (SIGKILL) and waits for it: in-flight requests lose their connection.
    public func kill() {
        // SIGKILL, not terminate(): the test runner blocks SIGTERM and children inherit the blocked mask.
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The base URL an LM is given.
    public var apiBase: String { baseURL + "/v1" }

    /// The server's counters and the last request it received.
    public func stats() throws -> (requests: Int, path: String?, headers: [String: String], body: [String: Any]) {
        let response = try HTTPClient().get(baseURL + "/stats")
        guard let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let requests = json["requests"] as? Int
        else { throw ServerDidNotStart(output: "unexpected /stats body") }
        let last = json["last"] as? [String: Any]
        return (requests, last?["path"] as? String, last?["headers"] as? [String: String] ?? [:],
                last?["body"] as? [String: Any] ?? [:])
    }

    /// Makes the server answer 400 to every later request that carries `response_format`.
    public func rejectResponseFormat() throws {
        let response = try HTTPClient().post(baseURL + "/reject-response-format", headers: [], body: [])
        guard response.status == 200 else { throw RequestFailed(status: response.status) }
    }

    /// The server printed something other than its `listening on` line, or nothing.
    public struct ServerDidNotStart: Error { public let output: String }

    /// A control request the server did not accept.
    public struct RequestFailed: Error { public let status: Int }
}
