import DSPy
import DSPyTesting
import Foundation
import Testing

/// Runs `DSPyChildProcess` (built beside this test binary) in a role: the work that must run in its own process.
enum ChildProcess {
    /// Starts the helper in the given role, with the role's inputs in its environment.
    static func start(role: String, environment extra: [String: String]) throws -> Process {
        let process = Process()
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        process.executableURL = directory.appendingPathComponent("DSPyChildProcess")
        process.arguments = [role]
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs a role to completion and returns what it wrote to its result file.
    static func run(role: String, environment: [String: String]) throws -> String {
        let result = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID()).txt").path
        let process = try start(role: role, environment: environment.merging(["CHILD_RESULT": result]) { $1 })
        process.waitUntilExit()
        return (try? String(contentsOfFile: result, encoding: .utf8)) ?? "no result (exit \(process.terminationStatus))"
    }
}

@Suite struct CrossProcessTests {
    @Test func twoProcessesShareOneCacheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swift-dspy-cache-\(UUID())").path
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("results-\(UUID())").path
        let writers = try ["a", "b"].map { name in
            try ChildProcess.start(role: "cache-writer", environment: [
                "CACHE_DIR": directory, "WRITER": name, "COUNT": "300", "CHILD_RESULT": "\(results)-\(name)"])
        }
        writers.forEach { $0.waitUntilExit() }
        for name in ["a", "b"] {
            let report = try String(contentsOfFile: "\(results)-\(name)", encoding: .utf8)
            #expect(report.hasPrefix("ok"), "writer \(name): \(report)")
        }
        let cache = try Cache(enableMemoryCache: false, diskCacheDir: directory)
        for index in 0..<300 {
            #expect(try cache.get("a-\(index)")?.outputs == ["a \(index)"])
            #expect(try cache.get("b-\(index)")?.outputs == ["b \(index)"])
            #expect(try cache.get("shared-\(index)")?.outputs == ["shared \(index)"])
        }
    }

    @Test func killedWriterLeavesAReadableCache() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swift-dspy-cache-\(UUID())").path
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("started-\(UUID())").path
        let writer = try ChildProcess.start(
            role: "cache-writer-forever", environment: ["CACHE_DIR": directory, "CHILD_RESULT": marker])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker), Date() < deadline, writer.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.2)
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        #expect(writer.terminationReason == .uncaughtSignal)

        let cache = try Cache(enableMemoryCache: false, diskCacheDir: directory)
        var readable = 0
        while let entry = try cache.get("entry-\(readable)") {
            #expect(entry.outputs.last == "\(readable)")
            readable += 1
        }
        #expect(readable > 20)
        // The file still takes writes after the crash.
        try cache.put("after", CachedCompletion(outputs: ["fine"], usage: [:], responseModel: nil))
        #expect(try cache.get("after")?.outputs == ["fine"])
    }

    @Test func interruptStopsAWaitingCallAndARetryWait() throws {
        let server = try OpenAITestServer()
        let report = try ChildProcess.run(role: "interrupt", environment: ["API_BASE": server.apiBase])
        let lines = report.split(separator: "\n")
        #expect(lines.count == 2, "\(report)")
        for line in lines {
            let parts = line.split(separator: " ")
            #expect(parts.count == 3 && parts[1] == "interrupted", "\(report)")
            if let seconds = Double(parts.last ?? "") { #expect(seconds < 1.5, "\(line)") }
        }
    }

    @Test func keyAndBaseComeFromTheOpenAIEnvironment() throws {
        let server = try OpenAITestServer()
        let output = try ChildProcess.run(role: "environment", environment: [
            "OPENAI_API_BASE": server.apiBase, "OPENAI_API_KEY": "from-env"])
        #expect(output == "echo: from the environment")
        #expect(try server.stats().headers["Authorization"] == "Bearer from-env")
    }
}
