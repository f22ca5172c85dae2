import DSPy
import Foundation
import HTTPClient

/// The Swift side of bench/lm/run.py.
///   LMBench serve                      run the canned-response server (prints "listening on ...")
///   LMBench client <apiBase> <calls> [<measure>]
///                                      measure calls/s and print one JSON object; with a measure name
///                                      (e.g. `predict_sequential`) only that one, for profilers
let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "serve":
    try BenchServer.run()
case "client" where (4...5).contains(arguments.count):
    guard let calls = Int(arguments[3]) else { throw BenchError("calls must be a number") }
    let only = arguments.count == 5 ? arguments[4] : nil
    let results = try ClientBench(apiBase: arguments[2], calls: calls, only: only).run()
    let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
default:
    FileHandle.standardError.write(Data("usage: LMBench serve | LMBench client <apiBase> <calls> [<measure>]\n".utf8))
    exit(2)
}
