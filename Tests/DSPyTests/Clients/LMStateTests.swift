import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// A predictor's LM in saved programs, against DSPy 3.4.1's `LM.dump_state` and `Predict.load_state`, run live.
@Suite struct LMStateTests {
    /// The same LMs built in Swift and in Python DSPy dump the same state, and neither writes the API key.
    @Test func dumpMatchesReferenceDSPy() throws {
        let cases: [(LM, String)] = [
            (LM("openai/m", apiBase: "http://127.0.0.1:9/v1", apiKey: "sk-secret", temperature: 0, maxTokens: 500,
                stop: ["\n\n"], n: 1),
             "dspy.LM('openai/m', api_base='http://127.0.0.1:9/v1', api_key='sk-secret', temperature=0.0, max_tokens=500, stop=['\\n\\n'], n=1)"),
            (LM("openai/gpt-4o-mini"), "dspy.LM('openai/gpt-4o-mini')"),
            (LM("openai/m", temperature: 0.7, modelType: .text, cache: false, numRetries: 5, rolloutId: 2,
                kwargs: ["top_p": 0.9]),
             "dspy.LM('openai/m', model_type='text', cache=False, num_retries=5, rollout_id=2, temperature=0.7, top_p=0.9)"),
        ]
        let script = """
            import json, dspy
            print(json.dumps([\(cases.map { "\($0.1).dump_state()" }.joined(separator: ", "))]))
            """
        let reference = try JSONValue(parsing: Data(ReferencePython.run(script).utf8)).arrayValue ?? []
        #expect(reference.count == cases.count)
        for ((lm, python), expected) in zip(cases, reference) {
            // Through the same JSON reader as Python's output, which reads 0.0 as an integer.
            #expect(try JSONValue(parsing: Data(lm.dumpState().serialized().utf8)) == expected, "\(python)")
            #expect(!lm.dumpState().pythonJSON().contains("sk-secret"))
        }
    }

    /// A program saved by Python loads in Swift with its LM, the API base dropped unless the file is trusted;
    /// and a program saved by Swift loads in Python with the same LM settings.
    @Test func savedLMsLoadBothWays() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lm-state-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pythonSaved = directory.appendingPathComponent("python.json").path
        _ = try ReferencePython.run("""
            import sys, dspy
            p = dspy.Predict('question -> answer')
            p.lm = dspy.LM('openai/served', api_base='http://127.0.0.1:9/v1', api_key='sk-secret', temperature=0.0,
                           max_tokens=500, stop=['\\n\\n'], n=1, num_retries=2)
            p.save(sys.argv[1])
            """, arguments: [pythonSaved])
        #expect(try !String(contentsOfFile: pythonSaved, encoding: .utf8).contains("sk-secret"))

        let loaded = Predict("question -> answer")
        try loaded.load(from: pythonSaved)
        let lm = try #require(loaded.lm as? LM)
        #expect(lm.model == "openai/served")
        #expect(lm.numRetries == 2)
        #expect(lm.kwargs == ["temperature": 0.0, "max_tokens": 500, "stop": ["\n\n"], "n": 1])
        #expect(lm.apiBase != "http://127.0.0.1:9/v1")

        let trusted = Predict("question -> answer")
        try trusted.loadState(try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: pythonSaved))), allowUnsafeLMState: true)
        #expect((trusted.lm as? LM)?.apiBase == "http://127.0.0.1:9/v1")

        let swiftSaved = directory.appendingPathComponent("swift.json").path
        let program = Predict("question -> answer")
        program.lm = LM("openai/served", apiBase: "http://127.0.0.1:9/v1", apiKey: "sk-secret", temperature: 0.5,
                        maxTokens: 200, modelType: .text, cache: false)
        try program.save(to: swiftSaved)
        #expect(try !String(contentsOfFile: swiftSaved, encoding: .utf8).contains("sk-secret"))
        let readBack = try ReferencePython.run("""
            import json, sys, dspy
            p = dspy.Predict('question -> answer')
            p.load(sys.argv[1])
            print(json.dumps({"model": p.lm.model, "model_type": p.lm.model_type, "cache": p.lm.cache,
                              "kwargs": p.lm.kwargs}))
            """, arguments: [swiftSaved])
        #expect(try JSONValue(parsing: Data(readBack.utf8)) == [
            "model": "openai/served", "model_type": "text", "cache": false,
            "kwargs": ["temperature": 0.5, "max_tokens": 200],
        ])
    }

    /// A state Swift cannot rebuild, or with a field of the wrong type, is an error naming the cause.
    @Test func badLMStatesNameTheCause() throws {
        func failure(_ state: JSONValue) -> String {
            do {
                _ = try LM(state: state)
                return "loaded"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure(["model": "openai/m", "temperature": "hot"]).contains("'temperature' must be a number, got 'hot'"))
        #expect(failure(["temperature": 0]).contains("no string field 'model'"))
        #expect(failure(["_dspy_lm_class": "my.CustomLM", "model": "m"]).contains("custom LM class 'my.CustomLM'"))
        #expect(failure(["model": "m", "model_type": "responses"]).contains("model_type 'responses'"))
        let scripted = Predict(try Signature("q -> a"))
        scripted.lm = DummyLM(completions: [])
        #expect(throws: LMError.self) { try Predict(try Signature("q -> a")).loadState(scripted.dumpState()) }
    }
}
