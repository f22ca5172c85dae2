import DSPy
import Foundation
import SQLToolkit

/// What the real-model suite shares: one llama-server for the suite, real rows of the study's dataset, and LMs
/// that reach the server through a counting proxy.
///
/// The suite runs only when `SWIFT_DSPY_REAL_MODEL` names a model (`./dev test-real-model` sets it): a first start
/// builds llama.cpp and assembles the weights, which CI's time budget has no room for.
enum RealModel {
    /// The model `serve-llm` serves, from `SWIFT_DSPY_REAL_MODEL` (e.g. `qwen2.5-coder-0.5b`).
    static let name = ProcessInfo.processInfo.environment["SWIFT_DSPY_REAL_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
    static var isEnabled: Bool { name != nil }

    /// Slots of the shared server, so that Evaluate's threads run at once; each gets `contextPerSlot` tokens,
    /// enough for four few-shot demos of the dataset's CREATE + INSERT contexts.
    static let parallel = 4
    static let contextPerSlot = 4096

    /// The suite's server, started on first use, or the one at `SWIFT_DSPY_REAL_MODEL_URL` when that names a
    /// running server of the model (saves the start while working on the suite).
    static let shared: Result<RealServer, any Error> = Result {
        if let url = ProcessInfo.processInfo.environment["SWIFT_DSPY_REAL_MODEL_URL"], !url.isEmpty {
            return RealServer(attachedTo: url, model: name ?? "")
        }
        return try RealServer(model: name ?? "", parallel: parallel, contextSize: parallel * contextPerSlot)
    }

    static func server() throws -> RealServer { try shared.get() }

    /// An LM for `baseURL` with the study's settings (temperature 0, at most 500 tokens, one completion) and the
    /// study's stop sequence unless `stop` says otherwise.
    static func lm(_ baseURL: String, stop: [String]? = ["\n\n"], cache: Bool = false, numRetries: Int = 3) -> LM {
        LM("openai/\(name ?? "")", apiBase: baseURL, apiKey: "local", temperature: 0, maxTokens: 500, stop: stop, n: 1,
           cache: cache, numRetries: numRetries)
    }

    /// Rows of `gretelai/synthetic_text_to_sql` (the shared data folder beside the repository), shortest contexts
    /// first so that prompts stay small on two cores, as Examples with `sql_prompt` and `sql_context` as inputs.
    static func rows(_ count: Int, skipping skipped: Int = 0) throws -> [Example] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
        let records = try Text2SQLRecord.read(path: folder.appendingPathComponent("gretel_text2sql_test_150.jsonl").path)
            .sorted { $0.sqlContext.count < $1.sqlContext.count }
        return records.dropFirst(skipped).prefix(count).map { record in
            Example(fields: [("sql_prompt", .string(record.sqlPrompt)), ("sql_context", .string(record.sqlContext)),
                             ("sql", .string(record.sql))]).withInputs("sql_prompt", "sql_context")
        }
    }

    /// The study's signature.
    static let textToSQL = Signature("Transform a natural language query into a SQL query.") {
        InputField("sql_prompt", desc: "Natural language query")
        InputField("sql_context", desc: "Context for the query")
        OutputField("sql", desc: "SQL query")
    }
}
