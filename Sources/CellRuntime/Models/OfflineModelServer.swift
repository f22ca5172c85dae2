import Foundation
import Synchronization

/// The built-in offline text-to-SQL model, served on 127.0.0.1 by `swift-dspy serve --port 0` for as long as a
/// notebook needs it: `let server = try OfflineModelServer()`, then `LM(..., apiBase: server.baseURL)`, and
/// `server.stop()` at the end. `OfflineModelServer.shared()` is the one server a worker's cells share, so running
/// a notebook's cells again reuses it.
public final class OfflineModelServer: Sendable {
    /// The server did not print its address.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    // A small shell stays between the cell and the server and stops it when its standard input closes, which also
    // happens when the worker running the cells dies, so no server outlives the notebook.
    private static let supervisor =
        "\"$0\" serve --port 0 --quiet & server=$!; trap 'kill $server' EXIT; trap 'exit' TERM INT; read _"

    private static let current = Mutex<OfflineModelServer?>(nil)

    private let process: Process
    /// The OpenAI-compatible base URL, ending in `/v1`.
    public let baseURL: String

    /// The server this process's cells share: started on first use, and again after it was stopped.
    public static func shared() throws -> OfflineModelServer {
        try current.withLock { server in
            if let running = server, running.process.isRunning { return running }
            let started = try OfflineModelServer()
            server = started
            return started
        }
    }

    /// Starts the server: `swift-dspy` beside the running executable (the cell worker), or the one `SWIFT_DSPY` names.
    public init() throws {
        let running = URL(filePath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let executable = ProcessInfo.processInfo.environment["SWIFT_DSPY"]
            ?? running.deletingLastPathComponent().appending(path: "swift-dspy").path
        let output = Pipe()
        process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", Self.supervisor, executable]
        process.standardInput = Pipe()
        process.standardOutput = output
        try process.run()
        var firstLine = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            firstLine.append(byte)
        }
        let line = String(decoding: firstLine, as: UTF8.self)
        guard line.hasPrefix("listening on http://") else {
            process.terminate()
            throw StartError(description: "\(executable) serve printed \"\(line)\" instead of its address")
        }
        baseURL = line.dropFirst("listening on ".count) + "/v1"
    }

    /// Stops the server by closing the shell's standard input: its `read` ends, it stops the server and exits.
    /// (A signal would not do: the worker blocks signals, and children inherit the mask.)
    public func stop() {
        (process.standardInput as? Pipe)?.fileHandleForWriting.closeFile()
        process.waitUntilExit()
    }
}
