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
        // stderr goes to a file: DSPy's progress bars fill a pipe that nobody reads while stdout is being read.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("python-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        let errorData = (try? Data(contentsOf: errorFile)) ?? Data()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python failed (\(process.terminationStatus)): \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs the script `Fixtures/<name>` and returns its stdout.
    static func runFixture(_ name: String, arguments: [String]) throws -> String {
        let path = repositoryRoot.appendingPathComponent("Tests/DSPyOptimizerTests/Fixtures/\(name)").path
        return try run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                       arguments: [path] + arguments)
    }

    /// Runs `source` and decodes its stdout as JSON.
    static func json<T: Decodable>(_ type: T.Type, _ source: String, arguments: [String] = []) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(run(source, arguments: arguments).utf8))
    }
}
