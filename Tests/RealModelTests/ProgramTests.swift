import DSPy
import DSPyTesting
import Foundation
import JSON
import SQLToolkit
import Testing

/// Predict, ChainOfThought, the study's judge and the ChatAdapter → JSONAdapter fallback on real rows, answered by a
/// real model through llama.cpp's server.
@Suite(.serialized, .enabled(if: RealModel.isEnabled, "set SWIFT_DSPY_REAL_MODEL (./dev test-real-model)"))
struct ProgramTests {
    @Test func predictAndChainOfThoughtAnswerRealRows() throws {
        let server = try RealModel.server()
        let proxy = try CountingProxy(upstream: server.baseURL)
        let lm = RealModel.lm(proxy.baseURL)
        let rows = try RealModel.rows(3)
        let predicted = try context(lm: lm) { try rows.map { try Predict(RealModel.textToSQL)($0.inputs()) } }
        let reasoned = try context(lm: lm) { try rows.map { try ChainOfThought(RealModel.textToSQL)($0.inputs()) } }
        for prediction in predicted { #expect(!(prediction.sql.stringValue ?? "").isEmpty, "\(prediction)") }
        for prediction in reasoned {
            #expect(!(prediction.reasoning.stringValue ?? "").isEmpty, "\(prediction)")
            #expect(!(prediction.sql.stringValue ?? "").isEmpty, "\(prediction)")
        }
        #expect(proxy.requests >= 6)
        #expect(lm.history.allSatisfy { $0.responseModel != nil && !$0.cacheHit })
        // The model is real: some of its queries return the gold result on the row's own database.
        let grader = ExecutionAccuracy()
        let matches = (Array(zip(rows, predicted)) + Array(zip(rows, reasoned))).filter { grader.verdict($0, $1).isMatch }.count
        #expect(matches >= 1, "no query of \(predicted + reasoned) matched")
    }

    @Test func theJudgeAnswersTheCorrectnessQuestion() throws {
        let server = try RealModel.server()
        let lm = RealModel.lm(server.baseURL)
        let judge = CorrectnessJudge(evaluator: lm)
        let rows = try RealModel.rows(3)
        for row in rows {
            // The gold query, judged: whatever the verdict, it parses into the `correct` field.
            _ = try judge.isCorrect(sqlPrompt: row.sql_prompt, sqlContext: row.sql_context, sql: row.sql)
            let answer = try #require(lm.history.last?.outputs.first)
            #expect(!answer.isEmpty)
        }
        // "Yes/No:" is DSPy 2.4's prefix; DSPy 3's chat format leaves it out of the prompt, as here.
        #expect(lm.history.allSatisfy { entry in entry.messages?.contains { $0.content.contains("Yes/No:") } == false })
    }

    /// The study's settings stop at a blank line, which cuts ChatAdapter's answer after the first section when the
    /// model writes a blank line inside it (a ChainOfThought's reasoning, prose around the fields): the completion
    /// lacks `[[ ## sql ## ]]`, and DSPy calls the model again through JSONAdapter. Rows are tried until one does.
    @Test func aCompletionChatAdapterCannotReadIsRecoveredThroughJSONAdapter() throws {
        let server = try RealModel.server()
        let lm = RealModel.lm(server.baseURL)
        var recovered = 0
        for row in try RealModel.rows(12) where recovered == 0 {
            let start = lm.history.count
            let prediction = try context(lm: lm) { try ChainOfThought(RealModel.textToSQL)(row.inputs()) }
            let calls = Array(lm.history[start...])
            guard calls.count == 2 else { continue }
            let first = try #require(calls[0].outputs.first)
            #expect(!first.contains("[[ ## sql ## ]]"), "\(first)")
            let system = try #require(calls[1].messages?.first?.content)
            #expect(system.contains("Outputs will be a JSON object with the following fields."))
            #expect(!(prediction.sql.stringValue ?? "").isEmpty, "\(prediction)")
            recovered += 1
        }
        #expect(recovered == 1, "no row's ChatAdapter completion failed to parse")
    }
}

/// The completions the real model wrote, read by Python DSPy 3.4.1's adapters and by ours: the same fields, or
/// both fail. (Parsing is where a real model's prose, fences and cut-off answers meet the library.)
@Suite(.serialized, .enabled(if: RealModel.isEnabled, "set SWIFT_DSPY_REAL_MODEL (./dev test-real-model)"))
struct RealCompletionConformanceTests {
    @Test func realCompletionsParseAsDSPyParsesThem() throws {
        let server = try RealModel.server()
        let lm = RealModel.lm(server.baseURL)
        let rows = try RealModel.rows(4, skipping: 30)
        let judge = CorrectnessJudge(evaluator: lm)
        context(lm: lm) {
            for row in rows {
                for program in [Predict(RealModel.textToSQL), ChainOfThought(RealModel.textToSQL)] as [Module] {
                    // Failures are part of what is compared: their completions are in the history.
                    if let prediction = try? program(row.inputs()) {
                        _ = try? judge.isCorrect(sqlPrompt: row.sql_prompt, sqlContext: row.sql_context, sql: prediction.sql)
                    }
                }
            }
        }
        let signatures: [String: Signature] = [
            "sql": try Signature("sql_prompt, sql_context -> sql"),
            "reasoning,sql": try Signature("sql_prompt, sql_context -> reasoning, sql"),
            "correct": try Signature("sql_prompt, sql_context, sql -> correct"),
        ]
        var cases: [JSONValue] = []
        var swiftOutcomes: [JSONValue] = []
        for entry in lm.history {
            guard let system = entry.messages?.first?.content, let completion = entry.outputs.first else { continue }
            let json = system.contains("Outputs will be a JSON object")
            let key = system.contains("`correct`") ? "correct" : system.contains("`reasoning`") ? "reasoning,sql" : "sql"
            guard let signature = signatures[key] else { continue }
            cases.append(["signature": .string(key), "json": .bool(json), "completion": .string(completion)])
            let adapter: any Adapter = json ? JSONAdapter() : ChatAdapter(useJSONAdapterFallback: false)
            swiftOutcomes.append((try? JSONValue.object(adapter.parse(signature, completion: completion))) ?? "parse error")
        }
        #expect(cases.count >= rows.count * 3)
        let python = try ReferencePython.run("""
            import json, sys
            import dspy
            from dspy.adapters.chat_adapter import ChatAdapter
            from dspy.adapters.json_adapter import JSONAdapter
            from dspy.utils.exceptions import AdapterParseError
            signatures = {"sql": "sql_prompt, sql_context -> sql", "reasoning,sql": "sql_prompt, sql_context -> reasoning, sql",
                          "correct": "sql_prompt, sql_context, sql -> correct"}
            outcomes = []
            for case in json.load(sys.stdin):
                adapter = JSONAdapter() if case["json"] else ChatAdapter()
                try:
                    outcomes.append(adapter.parse(dspy.Signature(signatures[case["signature"]]), case["completion"]))
                except AdapterParseError:
                    outcomes.append("parse error")
            print(json.dumps(outcomes))
            """, input: JSONValue.array(cases).pythonJSON())
        let pythonOutcomes = try JSONReader.parse(python).arrayValue ?? []
        #expect(pythonOutcomes.count == swiftOutcomes.count)
        for (index, (swift, reference)) in zip(swiftOutcomes, pythonOutcomes).enumerated() {
            #expect(swift == reference, "completion \(index): \(cases[index]["completion"]?.stringValue ?? "")")
        }
        // What the real model did, for the record in the test log.
        let failures = swiftOutcomes.filter { $0 == "parse error" }.count
        print("real completions: \(cases.count), unparsable by their adapter: \(failures)")
    }
}
