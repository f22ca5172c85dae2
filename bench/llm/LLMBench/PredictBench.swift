import DSPy
import Foundation
import JSON

/// Text-to-SQL rows through `Predict` with ChatAdapter (DSPy's default), one call at a time.
struct PredictBench {
    let apiBase: String
    let model: String
    let rows: URL
    let count: Int
    let maxTokens: Int

    func run() throws -> [String: Any] {
        let lm = LM("openai/\(model)", apiBase: apiBase, apiKey: "local", temperature: 0, maxTokens: maxTokens, cache: false)
        let predict = try Predict("sql_context, sql_prompt -> sql")
        predict.lm = lm
        let examples = try loadRows()
        var failures = 0
        let start = DispatchTime.now()
        for example in examples {
            do { _ = try predict(example) } catch { failures += 1 }
        }
        let elapsed = seconds(since: start)
        let usage = lm.history.map(\.usage)
        func mean(_ key: String) -> Double {
            Double(usage.compactMap { $0[key]?.intValue }.reduce(0, +)) / Double(max(1, usage.count))
        }
        return [
            "calls": examples.count, "lm_calls": lm.history.count, "seconds_per_call": elapsed / Double(examples.count),
            "prompt_tokens": mean("prompt_tokens"), "completion_tokens": mean("completion_tokens"),
            "parse_failures": failures,
            "messages": lm.history.compactMap(\.messages).map { $0.map { ["role": $0.role, "content": $0.content] } },
        ]
    }

    private func loadRows() throws -> [Example] {
        let lines = try String(contentsOf: rows, encoding: .utf8).split(separator: "\n").prefix(count)
        return try lines.map { line in
            let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            guard let context = row["sql_context"] as? String, let prompt = row["sql_prompt"] as? String else {
                throw BenchError("a row without sql_context and sql_prompt")
            }
            return Example(["sql_context": .string(context), "sql_prompt": .string(prompt)])
                .withInputs("sql_context", "sql_prompt")
        }
    }
}
