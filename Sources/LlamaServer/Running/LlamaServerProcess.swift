import Foundation
import HTTPClient

/// A running `llama-server` child process, its log going to a file.
final class LlamaServerProcess: Sendable {
    /// The base URL of its OpenAI-compatible API (`http://127.0.0.1:PORT/v1`).
    let baseURL: String
    /// Its log file.
    let log: URL
    private let process: Process
    private let healthURL: String

    /// Starts `binary` with `arguments`, its stdout and stderr written to `log` (truncated first).
    ///
    /// Started through util-linux's `setpriv --pdeathsig KILL` when available, so the server also ends when
    /// this process is killed outright (SIGKILL leaves no chance to stop it). Call from the main thread: the
    /// death signal follows the thread that started the child.
    init(binary: URL, arguments: [String], port: Int, log: URL, onExit: @escaping @Sendable () -> Void) throws {
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        guard let output = FileHandle(forWritingAtPath: log.path) else {
            throw LlamaServerError.fileSystem(path: log.path, message: "cannot be opened for writing")
        }
        defer { try? output.close() }
        let process = Process()
        if let setpriv = InstallStep.which("setpriv") {
            process.executableURL = setpriv
            process.arguments = ["--pdeathsig", "KILL", "--", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        process.terminationHandler = { _ in onExit() }
        try process.run()
        self.process = process
        self.log = log
        self.baseURL = "http://127.0.0.1:\(port)/v1"
        self.healthURL = "http://127.0.0.1:\(port)/health"
    }

    /// Whether the server process is still alive.
    var isRunning: Bool { process.isRunning }

    /// Its exit status, once it has exited.
    var exitStatus: Int32 { process.terminationStatus }

    /// Whether `/health` answers 200 (the model is loaded); false while loading or not yet listening.
    func isHealthy() -> Bool {
        (try? HTTPClient.shared.get(healthURL, timeout: 2).status) == 200
    }

    /// Asks the server to stop (SIGTERM), then kills it if it has not exited after `grace` seconds.
    func stop(grace: Double = 10) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
