// Work the DSPy tests run in a process of its own: several processes sharing one cache file, a process killed
// mid-write, and calls whose process-wide state (the interrupt flag, the environment) would disturb parallel tests.
// Usage: DSPyChildProcess ROLE, with the role's inputs in the environment; findings go to the file `CHILD_RESULT`.
import DSPy
import Foundation

/// Writes `COUNT` own entries and as many shared ones, reading back every entry written so far by anyone.
func cacheWriter(_ environment: [String: String]) throws -> String {
    let cache = try Cache(enableMemoryCache: false, diskCacheDir: try required("CACHE_DIR", environment))
    let name = try required("WRITER", environment)
    let count = Int(try required("COUNT", environment)) ?? 0
    var seenOthers = 0
    for index in 0..<count {
        try cache.put("\(name)-\(index)", CachedCompletion(outputs: ["\(name) \(index)"], usage: [:], responseModel: nil))
        try cache.put("shared-\(index)", CachedCompletion(outputs: ["shared \(index)"], usage: [:], responseModel: name))
        guard try cache.get("\(name)-\(index)")?.outputs == ["\(name) \(index)"] else { return "lost \(name)-\(index)" }
        if try cache.get("\(name == "a" ? "b" : "a")-\(index)") != nil { seenOthers += 1 }
    }
    return "ok \(seenOthers)"
}

/// Writes large entries in a loop until the parent kills the process; says "started" after 20 of them.
func writeForever(_ environment: [String: String]) throws -> Never {
    let cache = try Cache(enableMemoryCache: false, diskCacheDir: try required("CACHE_DIR", environment))
    let filler = String(repeating: "x", count: 200_000)
    for index in 0... {
        try cache.put("entry-\(index)", CachedCompletion(outputs: [filler, "\(index)"], usage: [:], responseModel: nil))
        if index == 20 { try "started".write(toFile: try required("CHILD_RESULT", environment), atomically: true, encoding: .utf8) }
    }
    fatalError("unreachable")
}

/// Interrupts a call that waits on a slow server, then one that waits between retries; reports both delays.
func interrupt(_ environment: [String: String]) throws -> String {
    let base = try required("API_BASE", environment)
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

struct MissingInput: Error, CustomStringConvertible {
    let name: String
    var description: String { "no \(name) in the environment" }
}

func required(_ name: String, _ environment: [String: String]) throws -> String {
    guard let value = environment[name] else { throw MissingInput(name: name) }
    return value
}

let environment = ProcessInfo.processInfo.environment
let role = CommandLine.arguments.dropFirst().first ?? ""
var result: String
do {
    switch role {
    case "cache-writer": result = try cacheWriter(environment)
    case "cache-writer-forever": try writeForever(environment)
    case "interrupt": result = try interrupt(environment)
    case "environment": result = try LM("openai/echo", cache: false)("from the environment").joined()
    default: result = "unknown role \"\(role)\""
    }
} catch {
    result = "error: \(error)"
}
if let path = environment["CHILD_RESULT"] {
    try result.write(toFile: path, atomically: true, encoding: .utf8)
} else {
    print(result)
}
