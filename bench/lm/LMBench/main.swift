import DSPy
import Foundation
import HTTPClient

/// The Swift side of bench/lm/run.py.
///   LMBench serve                      run the canned-response server (prints "listening on ...")
///   LMBench client <apiBase> <calls> [<measure>]
///                                      measure calls/s and print one JSON object; with a measure name
///                                      (e.g. `predict_sequential`) only that one, for profilers
///   LMBench replicas <examples> <threads> <apiBase>...
///                                      Evaluate's examples/s on one replica, balanced over all, and pinned
let arguments = CommandLine.arguments

func printJSON(_ results: [String: Double]) throws {
    let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

switch arguments.dropFirst().first {
case "serve":
    try BenchServer.run()
case "client" where (4...5).contains(arguments.count):
    guard let calls = Int(arguments[3]) else { throw BenchError("calls must be a number") }
    let only = arguments.count == 5 ? arguments[4] : nil
    try printJSON(ClientBench(apiBase: arguments[2], calls: calls, only: only).run())
case "replicas" where arguments.count >= 5:
    guard let examples = Int(arguments[2]), let threads = Int(arguments[3]) else { throw BenchError("examples and threads must be numbers") }
    try printJSON(ReplicaBench(bases: Array(arguments[4...]), examples: examples, threads: threads).run())
default:
    FileHandle.standardError.write(Data("usage: LMBench serve | LMBench client <apiBase> <calls> [<measure>] | LMBench replicas <examples> <threads> <apiBase>...\n".utf8))
    exit(2)
}
