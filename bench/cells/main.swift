// Cell latency benchmark: per-cell latency over 50-cell notebooks (trivial statements, new structs, DSPy
// calls), worker cold start, and worker memory after 500 cells. Each figure is printed with its ratio to a
// reference measured in the same run: a bare `swiftc -emit-library` of a one-line file with the same imports,
// the floor any compile-per-cell engine pays.
//
//   swift build -c debug --product cell-bench && .build/debug/cell-bench
import CellEngine
import Foundation
import JSON
import KernelInterpreter

struct Quiet: ExecutionOutput {
    func stream(_ name: StreamName, text: String) {}
    func display(_ data: MimeBundle, metadata: [String: JSONValue], displayID: String?, update: Bool) {}
    func clearOutput(wait: Bool) {}
    func requestInput(prompt: String, password: Bool) -> String? { nil }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func milliseconds(_ value: Double) -> String { String(format: "%.0f ms", value * 1000) }

let clock = ContinuousClock()
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cell-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
let toolchain = try Toolchain.discover()
let configuration = CellEngine.Configuration(toolchain: toolchain, temporaryDirectory: scratch, cacheDirectory: nil)

// Reference: the bare compiler on a one-line library with the preloaded imports.
let reference = scratch.appendingPathComponent("Reference.swift")
try "import Foundation\nimport DSPy\nimport SQLToolkit\nimport CellRuntime\npublic func f() -> Int { 1 }\n"
    .write(to: reference, atomically: true, encoding: .utf8)
var referenceTimes: [Double] = []
for index in 0..<10 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: toolchain.swiftc)
    process.arguments = ["-emit-library", "-emit-module", "-parse-as-library", "-Onone", "-gnone", "-module-name", "Reference\(index)",
                         "-o", scratch.appendingPathComponent("libReference\(index).so").path, reference.path,
                         "-emit-module-path", scratch.appendingPathComponent("Reference\(index).swiftmodule").path]
        + toolchain.moduleFlags()
    let started = clock.now
    try process.run()
    process.waitUntilExit()
    referenceTimes.append(seconds(clock.now - started))
}
let referenceP50 = percentile(referenceTimes, 0.5)
print("reference: bare swiftc -emit-library of a one-line file: p50 \(milliseconds(referenceP50))")

// Worker cold start: a new engine until its worker answers and the compiler has read the modules.
let coldStarted = clock.now
let engine = try CellEngine(configuration: configuration)
try engine.warmUp()
let coldStart = seconds(clock.now - coldStarted)
print("cold start (worker up + modules read): \(milliseconds(coldStart)) = \(String(format: "%.2f", coldStart / referenceP50))× reference")

var count = 0
@MainActor func measure(_ label: String, cells: (Int) -> String) {
    var times: [Double] = []
    for index in 0..<50 {
        count += 1
        let started = clock.now
        let outcome = engine.execute(cells(index), executionCount: count, output: Quiet())
        times.append(seconds(clock.now - started))
        if case .error(let name, let value, _) = outcome { print("  \(label) cell \(index) failed: \(name): \(value)") }
    }
    let p50 = percentile(times, 0.5)
    let p99 = percentile(times, 0.99)
    print("\(label): p50 \(milliseconds(p50)) (\(String(format: "%.2f", p50 / referenceP50))× reference), p99 \(milliseconds(p99))")
}

measure("trivial statement (50 cells)") { "\($0) + 1" }
measure("new struct (50 cells)") { "struct Point\($0) { var x = \($0) }\nlet point\($0) = Point\($0)()" }
// A DSPy Predict per cell, against an in-process LM that answers at once (as a cache hit would): the cost
// measured is the cell's, not the model's.
measure("DSPy Predict (50 cells)") { index in
    index == 0
        ? """
          struct InstantLM: LanguageModel {
              let model = "instant"
              func generate(messages: [ChatMessage], config: [String: JSONValue]) throws -> [String] { ["[[ ## answer ## ]]\\n42\\n\\n[[ ## completed ## ]]"] }
          }
          configure(lm: InstantLM())
          let qa = Predict(try Signature("question -> answer"))
          """
        : "try qa(question: \"question \(index)\").answer"
}

// Memory after 500 cells (trivial and declaring cells alternating).
while count < 500 {
    count += 1
    _ = engine.execute(count % 2 == 0 ? "let m\(count) = \(count)" : "\(count) * 2", executionCount: count, output: Quiet())
}
if let pid = engine.workerProcessID,
   let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
   let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) {
    print("worker memory after \(count) cells: \(line.dropFirst(6).trimmingCharacters(in: .whitespaces))")
}
engine.shutdown()
