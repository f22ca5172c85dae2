import Foundation

/// One external command of an install (pip, tar, cmake, python's zipfile), run to completion.
///
/// Its output goes to a log file, not to the terminal: a CMake build prints thousands of lines. On failure
/// the error carries the log's last lines.
struct InstallStep {
    /// What the step does, for progress lines and errors (`cmake --build llama-server`).
    let title: String
    let executable: String
    let arguments: [String]
    var workingDirectory: URL?

    /// Runs the step, appending its stdout and stderr to `log` (or writing stdout to `stdout` when given).
    func run(log: URL, stdout: FileHandle? = nil) throws {
        let process = Process()
        process.executableURL = try Self.locate(executable)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let logHandle = try Self.appending(to: log)
        defer { try? logHandle.close() }
        logHandle.write(Data("\n$ \(([executable] + arguments).joined(separator: " "))\n".utf8))
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? logHandle
        process.standardError = logHandle
        try process.run()
        try waitForExit(process)
        guard process.terminationStatus == 0 else {
            throw LlamaServerError.stepFailed(
                step: title, status: process.terminationStatus, logTail: Self.tail(of: log, lines: 15))
        }
    }

    /// Waits for the step, ending it and its whole process group (a build's compilers too) when a stop signal
    /// arrives or the parent goes away: Foundation puts each child in a group of its own, which a terminal's
    /// Ctrl-C does not reach.
    private func waitForExit(_ process: Process) throws {
        while process.isRunning {
            if StopTrigger.process.hasFired {
                if kill(-process.processIdentifier, SIGKILL) != 0 { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                throw LlamaServerError.interrupted(step: title)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// The full path of a command on PATH, or nil.
    static func which(_ command: String) -> URL? {
        if command.contains("/") { return URL(fileURLWithPath: command) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(command) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The last `lines` lines of a text file ("" when it cannot be read).
    static func tail(of file: URL, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else { return "" }
        return String(decoding: data.suffix(16 << 10), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private static func locate(_ command: String) throws -> URL {
        guard let url = which(command) else {
            throw LlamaServerError.missingTool(name: command, hint: "install it and put it on PATH")
        }
        return url
    }

    private static func appending(to file: URL) throws -> FileHandle {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: file.path) else {
            throw LlamaServerError.fileSystem(path: file.path, message: "cannot be opened for writing")
        }
        handle.seekToEndOfFile()
        return handle
    }
}

/// Progress of first-time installs, on stderr (stdout carries only the server's URL).
func progress(_ message: String) {
    FileHandle.standardError.write(Data("serve-llm: \(message)\n".utf8))
}
