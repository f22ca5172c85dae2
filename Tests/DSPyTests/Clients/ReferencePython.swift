import Foundation

/// Runs a script with the reference Python DSPy 3.4.1 from the project's test venv and returns its stdout.
enum ReferencePython {
    static let python = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../.venv/bin/python").standardized.path

    struct Failed: Error, CustomStringConvertible {
        let status: Int32
        let stderr: String
        var description: String { "reference Python exited with \(status): \(stderr)" }
    }

    static func run(_ script: String, input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        environment["PYTHONWARNINGS"] = "ignore"
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
