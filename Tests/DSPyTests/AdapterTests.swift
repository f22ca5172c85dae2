import DSPy
import DSPyTesting
import JSON
import Testing

@Suite struct AdapterTests {
    @Test func aRealModelsJSONAnswerWithFencedSQLInItsReasoningParses() throws {
        // Qwen2.5-Coder-0.5B's ChainOfThought answer through llama-server (./dev test-real-model), verbatim.
        let completion = #"""
            {
              "reasoning": "To determine the number of deep-sea expeditions conducted in the Pacific Ocean, we need to analyze the data provided in the SQL context. The SQL query we will use is as follows:\n\n```sql\nSELECT COUNT(*) FROM deep_sea_expeditions WHERE location = 'Pacific Ocean';\n```\n\nThis query counts the number of rows in the `deep_sea_expeditions` table where the `location` column has the value 'Pacific Ocean'. The result will be the number of deep-sea expeditions conducted in the Pacific Ocean.",
              "sql": "SELECT COUNT(*) FROM deep_sea_expeditions WHERE location = 'Pacific Ocean';"
            }
            """#
        let signature = try Signature("sql_prompt, sql_context -> reasoning, sql")
        let fields = try JSONAdapter().parse(signature, completion: completion)
        #expect(fields["sql"] == "SELECT COUNT(*) FROM deep_sea_expeditions WHERE location = 'Pacific Ocean';")
        #expect(fields["reasoning"]?.stringValue?.contains("```sql\nSELECT COUNT(*)") == true)
    }

    @Test func unparseableChatCompletionFallsBackToJSON() throws {
        let lm = DummyLM(completions: ["I refuse to use sections.", #"{"answer": "Paris"}"#])
        let pred = try context(lm: lm) { try Predict("question -> answer")(question: "Capital of France?") }
        #expect(pred.answer == "Paris")
        #expect(lm.calls.count == 2)
        #expect(lm.calls[1].config["response_format"] == nil)  // a scripted LM, like DSPy's custom LMs, has no known capabilities
        #expect(lm.calls[1].messages.last!.content.hasSuffix("Respond with a JSON object in the following order of fields: `answer`."))
    }

    @Test func bothFailingNamesTheMissingField() throws {
        let lm = DummyLM(completions: ["[[ ## reasoning ## ]]\nhmm", #"{"reasoning": "hmm"}"#])
        do {
            _ = try context(lm: lm) { try ChainOfThought("question -> answer")(question: "?") }
            Issue.record("a completion without `answer` was accepted")
        } catch let error as AdapterParseError {
            #expect(error.adapterName == "JSONAdapter")
            #expect(error.missingFields == ["answer"])
            #expect("\(error)".contains("Expected to find output fields in the LM response: [reasoning, answer]"))
        }
    }

    /// A value that does not fit its type, in both the chat and the JSON attempt, is an error naming the field
    /// and the value.
    @Test func unreadableTypedValueNamesTheField() throws {
        let lm = DummyLM(completions: ["[[ ## count ## ]]\nmany\n\n[[ ## completed ## ]]", #"{"count": "many"}"#])
        let error = try #require(throws: AdapterParseError.self) {
            try context(lm: lm) { try Predict("text -> count: int")(text: "x") }
        }
        #expect(error.adapterName == "JSONAdapter")
        #expect(error.message == "Failed to parse field count: Input should be a valid int [input_value='many']")
    }

    @Test func typedOutputsAreParsed() throws {
        let lm = DummyLM(answers: [["n": 3, "ok": true, "tags": ["a", "b"], "score": 0.25]])
        let pred = try context(lm: lm) {
            try Predict("text -> n: int, ok: bool, tags: list[str], score: float")(text: "x")
        }
        #expect(pred.n == 3)
        #expect(pred.ok == true)
        #expect(pred.tags == ["a", "b"])
        #expect(pred.score == 0.25)
    }

    @Test func badInputsNameTheField() throws {
        let predict = Predict("question, context -> answer")
        let lm = DummyLM(answers: [["answer": "x"]], repeating: true)
        #expect(throws: PredictError.unknownInputField("questoin", expected: ["question", "context"])) {
            try context(lm: lm) { try predict(questoin: "a", context: "b") }
        }
        #expect(throws: PredictError.missingInputField("context", expected: ["question", "context"])) {
            try context(lm: lm) { try predict(question: "a") }
        }
        #expect(throws: PredictError.noLanguageModel) { try Settings.with(Settings()) { try predict(question: "a", context: "b") } }
        #expect(lm.calls.isEmpty)
    }

    @Test func severalCompletionsAndConfig() throws {
        let lm = DummyLM { _, _, config in
            #expect(config["n"] == 3)
            #expect(config["temperature"] == 0.7)
            return ["[[ ## answer ## ]]\nA", "[[ ## answer ## ]]\nB", "[[ ## answer ## ]]\nb"]
        }
        let pred = try context(lm: lm) { try Predict("question -> answer", config: ["n": 3])(question: "?") }
        #expect(pred.answer == "A")
        #expect(pred.completions?.answer == ["A", "B", "b"])
        #expect(majority(pred)?.answer == "B")
    }

    @Test func perCallConfigOverrides() throws {
        let lm = DummyLM(answers: [["answer": "x"]])
        _ = try context(lm: lm) { try Predict("question -> answer", config: ["temperature": 0])(question: "?", config: ["temperature": 0.5, "rollout_id": 2]) }
        #expect(lm.calls[0].config == ["temperature": 0.5, "rollout_id": 2])
    }

    @Test func demosAreRenderedBeforeTheRequest() throws {
        let lm = DummyLM(answers: [["answer": "4"]])
        let predict = Predict("question -> answer")
        predict.demos = [Example(["question": "1+1?", "answer": "2"]), Example(["question": "only input"])]
        _ = try context(lm: lm) { try predict(question: "2+2?") }
        let messages = lm.calls[0].messages
        #expect(messages.map(\.role) == ["system", "user", "assistant", "user"])
        #expect(messages[1].content == "[[ ## question ## ]]\n1+1?")
        #expect(messages[2].content == "[[ ## answer ## ]]\n2\n\n[[ ## completed ## ]]\n")
    }

    @Test func xmlAdapterRoundTrip() throws {
        let lm = DummyLM(completions: ["<reasoning>\nsimple\n</reasoning>\n<answer>\n4 &lt; 5\n</answer>"])
        let pred = try context(lm: lm, adapter: XMLAdapter()) { try ChainOfThought("question -> answer")(question: "?") }
        #expect(pred.answer == "4 < 5")
        #expect(lm.calls[0].messages.last!.content.contains("<question>\n?\n</question>"))
    }

    /// DSPy's XMLAdapter is a ChatAdapter: a completion that is not well-formed XML is asked again as JSON.
    @Test func malformedXMLFallsBackToJSON() throws {
        let lm = DummyLM(completions: ["<answer>Tom & Jerry</answer>", #"{"answer": "Tom & Jerry"}"#])
        let pred = try context(lm: lm, adapter: XMLAdapter()) { try Predict("question -> answer")(question: "?") }
        #expect(pred.answer == "Tom & Jerry")
        #expect(lm.calls.count == 2)
        let strict = DummyLM(completions: ["<answer>Tom & Jerry</answer>"])
        let error = try #require(throws: AdapterParseError.self) {
            try context(lm: strict, adapter: XMLAdapter(useJSONAdapterFallback: false)) { try Predict("question -> answer")(question: "?") }
        }
        #expect(error.message?.hasPrefix("Failed to parse XML: not well-formed (invalid token): line 1, column 24") == true)

        // Absurdly deep nesting is a parse error, not a stack overflow.
        let deep = String(repeating: "<item>", count: 100_000) + String(repeating: "</item>", count: 100_000)
        #expect(throws: AdapterParseError.self) {
            try XMLAdapter().parse(try Signature("q -> tags: list[str]"), completion: "<tags>\(deep)</tags>")
        }
    }

    @Test func legacyTextAdapterWritesTheDSPy24Prompt() throws {
        let signature = TextToSql  // the study's signature (CoreUsageTests)
        let lm = DummyLM(completions: ["SELECT name\nFROM t;\n\n---"])
        let predict = Predict(signature)
        predict.demos = [Example(["sql_prompt": "All?", "sql_context": "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1);", "sql": "SELECT * FROM t;"])]
        let pred = try context(lm: lm, adapter: LegacyTextAdapter()) { try predict(sql_prompt: "Names?", sql_context: "CREATE TABLE t (name TEXT);") }
        #expect(pred.sql == "SELECT name\nFROM t;")
        #expect(lm.calls[0].messages.count == 1)
        #expect(lm.calls[0].messages[0].content == """
            Transform a natural language query into a SQL query.

            ---

            Follow the following format.

            Sql Prompt: Natural language query
            Sql Context: Context for the query
            Sql: SQL query

            ---

            Sql Prompt: All?
            Sql Context: CREATE TABLE t (a INT); INSERT INTO t VALUES (1);
            Sql: SELECT * FROM t;

            ---

            Sql Prompt: Names?
            Sql Context: CREATE TABLE t (name TEXT);
            Sql:
            """)
    }

    @Test func legacyChainOfThoughtUsesBlankLinesAndAsksAgainForMissingOutputs() throws {
        let signature = TextToSql  // the study's signature (CoreUsageTests)
        let lm = DummyLM(completions: ["find the names", "SELECT name FROM t;"])
        let program = ChainOfThought(signature, reasoning: ChainOfThought.dspy24Rationale(for: signature))
        let pred = try context(lm: lm, adapter: LegacyTextAdapter()) { try program(sql_prompt: "Names?", sql_context: "CREATE TABLE t (name TEXT);") }
        #expect(pred.rationale == "find the names")
        #expect(pred.sql == "SELECT name FROM t;")
        #expect(lm.calls.count == 2)
        #expect(lm.calls[0].messages[0].content == """
            Transform a natural language query into a SQL query.

            ---

            Follow the following format.

            Sql Prompt: Natural language query

            Sql Context: Context for the query

            Reasoning: Let's think step by step in order to ${produce the sql}. We ...

            Sql: SQL query

            ---

            Sql Prompt: Names?

            Sql Context: CREATE TABLE t (name TEXT);

            Reasoning: Let's think step by step in order to
            """)
        #expect(lm.calls[1].messages[0].content.hasSuffix("Reasoning: Let's think step by step in order to find the names\n\nSql:"))
    }
}
