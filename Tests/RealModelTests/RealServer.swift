import Foundation

/// llama.cpp's `llama-server` serving a real model on 127.0.0.1, started as users start it: `swift-dspy serve-llm`,
/// which installs the server and the weights on first use (cached under `~/.cache/swift-dspy`) and prints the base
/// URL on its first line. One compute thread: the cores are shared with builds and the tests themselves.
///
/// Stopping kills `serve-llm` and every process under it (llama-server) with SIGKILL: the test runner blocks SIGTERM
/// and its children inherit that mask, so a polite stop would be ignored and leave llama-server running.
final class RealServer: @unchecked Sendable {
    /// The served model's name, e.g. `qwen2.5-coder-0.5b`; also the name the server answers to.
    let name: String
    /// e.g. `http://127.0.0.1:41234/v1`.
    let baseURL: String
    /// Where `serve-llm` and llama-server write their output.
    let log: URL
    /// The `serve-llm` process, unless the server was already running (`attached(to:model:)`).
    private let process: Process?

    /// A server someone else started and stops.
    init(attachedTo baseURL: String, model: String) {
        name = model
        self.baseURL = baseURL
        log = URL(fileURLWithPath: "/dev/null")
        process = nil
    }

    /// Starts `swift-dspy serve-llm` and waits for its URL line (a first start may build llama.cpp: minutes).
    init(model: String, parallel: Int, contextSize: Int) throws {
        name = model
        log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-llm-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = Pipe()
        let process = Process()
        self.process = process
        process.executableURL = Self.binDirectory.appendingPathComponent("swift-dspy")
        process.arguments = [
            "serve-llm", "--model", model, "--port", "0",
            "--parallel", "\(parallel)", "--ctx-size", "\(contextSize)", "--threads", "1",
        ]
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let first = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard first.hasPrefix("http://127.0.0.1:") else {
            Self.killTree(process)
            let tail = (try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? ""
            throw RealServerError(description: "swift-dspy serve-llm did not print its URL (first line: \(first.debugDescription)); its log:\n\(tail)")
        }
        baseURL = first
        // Keep reading stdout so that the server never blocks on a full pipe.
        Thread { while !output.fileHandleForReading.availableData.isEmpty {} }.start()
    }

    deinit { kill() }

    /// Kills llama-server and `serve-llm` at once, as a crash would.
    func kill() { process.map(Self.killTree) }

    private static func killTree(_ process: Process) {
        guard process.isRunning else { return }
        for pid in Self.descendants(of: process.processIdentifier) + [process.processIdentifier] {
            Glibc.kill(pid, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Every process below `root`, read from `/proc/*/stat` (field 4 is the parent's pid).
    static func descendants(of root: pid_t) -> [pid_t] {
        var parents: [pid_t: pid_t] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { parents[pid] = parent }
        }
        var found: [pid_t] = []
        var frontier = [root]
        while let next = frontier.popLast() {
            let children = parents.filter { $0.value == next }.map(\.key)
            found += children
            frontier += children
        }
        return found
    }

    /// The port the server listens on.
    var port: Int { URL(string: baseURL)?.port ?? 0 }

    /// The SwiftPM bin folder, which holds `swift-dspy` beside the test bundle.
    static var binDirectory: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("swift-dspy").path), url.pathComponents.count > 1 {
            url = url.deletingLastPathComponent()
        }
        return url
    }
}

struct RealServerError: Error, CustomStringConvertible {
    let description: String
}
