import DSPyTesting
import Foundation

/// A Python test server from `Fixtures/`, started on 127.0.0.1 for one test and stopped when released.
final class LocalServer: @unchecked Sendable {
    // @unchecked: the process handle is only touched in init and stop, from the test that owns the server.
    let url: String
    private let process: Process

    /// Starts `Fixtures/<script>` with `arguments` and waits for its `listening on <url>` line.
    init(script: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = ReferencePython.executable
        process.arguments = [ReferencePython.repositoryRoot.appendingPathComponent("Tests/DSPyOptimizerTests/Fixtures/\(script)").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 {
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on ") else {
            kill(process.processIdentifier, SIGKILL)
            throw ReferencePython.Failure(description: "\(script) did not start: \(text)")
        }
        self.url = String(text.dropFirst("listening on ".count))
        self.process = process
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: the test runner's children inherit a signal mask that holds SIGTERM back.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
