import Foundation

/// Runs Python code in the project's test venv (the reference DSPy 3.4.1 lives there) and returns its stdout.
enum PythonReference {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The repository root, found from this file's place in `Tests/DSPyOptimizerTests`.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var python: URL { repositoryRoot.appendingPathComponent(".venv/bin/python") }

    /// Runs `source` with `python -c`, failing with Python's stderr when it exits non-zero.
    static func run(_ source: String, arguments: [String] = []) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "\(python.path) is missing: run `./dev test`, which installs the test venv")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", source] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python failed (\(process.terminationStatus)): \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `source` and decodes its stdout as JSON.
    static func json<T: Decodable>(_ type: T.Type, _ source: String, arguments: [String] = []) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(run(source, arguments: arguments).utf8))
    }
}
