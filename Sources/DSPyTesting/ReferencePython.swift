import Foundation

/// Runs Python in the project's test venv, where the reference implementation (`dspy==3.4.1`) lives, for
/// conformance tests that compare Swift with Python live.
public enum ReferencePython {
    /// Python failed, or the venv is missing.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// The repository root, found from this file's place in `Sources/DSPyTesting`.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The venv's interpreter.
    public static var executable: URL { repositoryRoot.appendingPathComponent(".venv/bin/python") }

    /// Runs `source` with `python -c`, feeding `input` on stdin; returns stdout, or throws with Python's stderr.
    public static func run(_ source: String, arguments: [String] = [], input: String = "") throws -> String {
        try launch(["-c", source] + arguments, input: input)
    }

    /// Runs the script at `path` (relative to the repository root) and returns its stdout.
    public static func runScript(_ path: String, arguments: [String] = []) throws -> String {
        try launch([repositoryRoot.appendingPathComponent(path).path] + arguments, input: "")
    }

    /// Runs `source` and decodes its stdout as JSON.
    public static func json<T: Decodable>(_ type: T.Type, _ source: String, arguments: [String] = []) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(run(source, arguments: arguments).utf8))
    }

    private static func launch(_ arguments: [String], input: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Failure(description: "\(executable.path) is missing: run `./dev test`, which installs the test venv")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        environment["PYTHONWARNINGS"] = "ignore"
        process.environment = environment
        // stderr goes to a file: DSPy's progress bars fill a pipe that nobody reads while stdout is being read.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("python-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw Failure(description: "cannot create \(errorFile.path) for Python's stderr")
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = errors
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
            throw Failure(description: "python failed (\(process.terminationStatus)): \(text)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
