import DSPy
import Foundation

/// The Swift side of bench/llm/run.py, against a running `swift-dspy serve-llm`.
///   LLMBench predict <apiBase> <model> <rows.jsonl> <count> <maxTokens>
///       text-to-SQL rows through Predict with ChatAdapter, sequentially; prints seconds per call, mean token
///       counts, parse failures and the exact messages sent (the prompts the other measures reuse)
///   LLMBench lm <apiBase> <model> <messages.json> <maxTokens> <threads>
///       one LM call per conversation in the file (cache off), over `threads` threads; prints the wall time
let arguments = CommandLine.arguments
let output: [String: Any]
switch (arguments.dropFirst().first, arguments.count) {
case ("predict", 7):
    output = try PredictBench(apiBase: arguments[2], model: arguments[3], rows: URL(fileURLWithPath: arguments[4]),
                              count: try number(arguments[5]), maxTokens: try number(arguments[6])).run()
case ("lm", 7):
    output = try LMCallBench(apiBase: arguments[2], model: arguments[3], messages: URL(fileURLWithPath: arguments[4]),
                             maxTokens: try number(arguments[5]), threads: try number(arguments[6])).run()
default:
    FileHandle.standardError.write(Data("""
        usage: LLMBench predict <apiBase> <model> <rows.jsonl> <count> <maxTokens>
               LLMBench lm <apiBase> <model> <messages.json> <maxTokens> <threads>

        """.utf8))
    exit(2)
}
print(String(decoding: try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys]), as: UTF8.self))

func number(_ text: String) throws -> Int {
    guard let value = Int(text) else { throw BenchError("not a number: \(text)") }
    return value
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Seconds since `start`.
func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
