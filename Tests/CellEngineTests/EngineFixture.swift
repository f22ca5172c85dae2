import CellEngine
import Foundation
import KernelInterpreter

/// A session with its own temporary and cache folders, shut down by `close()`.
final class EngineFixture {
    let engine: CellEngine
    let interpreter: CellInterpreter
    private let root: URL
    private var count = 0

    init(cache: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("cell-engine-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let configuration = CellEngine.Configuration(
            toolchain: try Toolchain.discover(binDirectory: Self.binDirectory), temporaryDirectory: root,
            cacheDirectory: cache ? root.appendingPathComponent("cache") : nil)
        interpreter = try CellInterpreter(configuration: configuration)
        engine = interpreter.engine
    }

    /// The SwiftPM bin folder: the test bundle's own folder, which also holds the worker.
    static var binDirectory: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // The test runner may be inside a bundle folder (`*.xctest`).
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("swift-dspy-worker").path),
              url.pathComponents.count > 1 {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// Runs one cell as the kernel would.
    @discardableResult
    func run(_ code: String, output: RecordingOutput = RecordingOutput()) -> (ExecutionOutcome, RecordingOutput) {
        count += 1
        let outcome = interpreter.execute(ExecutionRequest(code: code, executionCount: count), output: output)
        return (outcome, output)
    }

    func close() {
        interpreter.shutdown(restart: false)
        try? FileManager.default.removeItem(at: root)
    }
}

extension ExecutionOutcome {
    /// The `text/plain` result, when the cell succeeded with one.
    var plainResult: String? {
        if case .ok(let result, _, _) = self { return result?["text/plain"]?.stringValue }
        return nil
    }

    var succeeded: Bool {
        if case .ok = self { return true }
        return false
    }

    var errorName: String? {
        if case .error(let name, _, _) = self { return name }
        return nil
    }

    var errorText: String {
        if case .error(let name, let value, let traceback) = self { return ([name, value] + traceback).joined(separator: "\n") }
        return ""
    }
}
