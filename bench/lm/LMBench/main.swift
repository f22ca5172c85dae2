import DSPy
import Foundation
import HTTPClient

/// The Swift side of bench/lm/run.py.
///   LMBench serve                      run the canned-response server (prints "listening on ...")
///   LMBench client <apiBase> <calls>   measure calls/s and print one JSON object
let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "serve":
    try BenchServer.run()
case "client" where arguments.count == 4:
    guard let calls = Int(arguments[3]) else { throw BenchError("calls must be a number") }
    let results = try ClientBench(apiBase: arguments[2], calls: calls).run()
    let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
default:
    FileHandle.standardError.write(Data("usage: LMBench serve | LMBench client <apiBase> <calls>\n".utf8))
    exit(2)
}
