import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// Work that must run in its own process: several processes sharing one cache file, a process killed mid-write,
/// and calls whose process-wide state (the interrupt flag, the environment) would disturb parallel tests.
///
/// The parent re-runs this test binary filtered to `ChildProcessRole`, with the role and its inputs in the
/// environment; the child writes its findings to `CHILD_RESULT`.
enum ChildProcess {
    static let roleVariable = "SWIFT_DSPY_TEST_CHILD_ROLE"

    /// Starts this test binary in the given role.
    static func start(role: String, environment extra: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["--testing-library", "swift-testing", "--filter", "ChildProcessRole"]
        var environment = ProcessInfo.processInfo.environment
        environment[roleVariable] = role
        environment.merge(extra) { _, new in new }
        process.environment = environment
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

@Suite struct ChildProcessRole {
    @Test(.enabled(if: ProcessInfo.processInfo.environment[ChildProcess.roleVariable] != nil))
    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var result = ""
        do {
            switch environment[ChildProcess.roleVariable] {
            case "cache-writer": result = try cacheWriter(environment)
            case "cache-writer-forever": try writeForever(environment)
            case "interrupt": result = try interrupt(environment)
            case "environment": result = try LM("openai/echo", cache: false)("from the environment").joined()
            default: result = "unknown role"
            }
        } catch {
            result = "error: \(error)"
        }
        if let path = environment["CHILD_RESULT"] { try result.write(toFile: path, atomically: true, encoding: .utf8) }
    }

    /// Writes `COUNT` own entries and as many shared ones, reading back every entry written so far by anyone.
    private func cacheWriter(_ environment: [String: String]) throws -> String {
        let cache = try Cache(enableMemoryCache: false, diskCacheDir: environment["CACHE_DIR"]!)
        let name = environment["WRITER"]!
        let count = Int(environment["COUNT"]!)!
        var seenOthers = 0
        for index in 0..<count {
            try cache.put("\(name)-\(index)", CachedCompletion(outputs: ["\(name) \(index)"], usage: [:], responseModel: nil))
            try cache.put("shared-\(index)", CachedCompletion(outputs: ["shared \(index)"], usage: [:], responseModel: name))
            guard try cache.get("\(name)-\(index)")?.outputs == ["\(name) \(index)"] else { return "lost \(name)-\(index)" }
            if try cache.get("\(name == "a" ? "b" : "a")-\(index)") != nil { seenOthers += 1 }
        }
        return "ok \(seenOthers)"
    }

    /// Writes large entries in a loop until the parent kills the process.
    private func writeForever(_ environment: [String: String]) throws {
        let cache = try Cache(enableMemoryCache: false, diskCacheDir: environment["CACHE_DIR"]!)
        let filler = String(repeating: "x", count: 200_000)
        for index in 0... {
            try cache.put("entry-\(index)", CachedCompletion(outputs: [filler, "\(index)"], usage: [:], responseModel: nil))
            if index == 20 { try "started".write(toFile: environment["CHILD_RESULT"]!, atomically: true, encoding: .utf8) }
        }
    }

    /// Interrupts a call that waits on a slow server, then one that waits between retries; reports both delays.
    private func interrupt(_ environment: [String: String]) throws -> String {
        let base = environment["API_BASE"]!
        var report: [String] = []
        for model in ["openai/slow", "openai/server-error"] {
            Interruption.reset()
            let lm = LM(model, apiBase: base, apiKey: "k", cache: false, numRetries: 5)
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { Interruption.request() }
            let started = Date()
            do {
                _ = try lm("hello")
                report.append("\(model) finished")
            } catch is Interrupted {
                report.append(String(format: "%@ interrupted %.2f", model, Date().timeIntervalSince(started)))
            }
        }
        return report.joined(separator: "\n")
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
