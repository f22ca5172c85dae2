import DSPy
import DSPyTesting
import JSON
import SQLToolkit
import Testing

@Suite struct JudgeTests {
    static let sample = Example([
        "sql_prompt": "How many employees are there?",
        "sql_context": "CREATE TABLE emp (id INT); INSERT INTO emp VALUES (1), (2);",
        "sql": "SELECT COUNT(*) FROM emp",
    ]).withInputs("sql_prompt", "sql_context")

    @Test func judgeRunsTheStudysSignatureOnTheEvaluator() throws {
        let evaluator = DummyLM(answers: [["correct": "Yes"], ["correct": "No"], ["correct": "yes"]])
        let student = DummyLM(answers: [], model: "student")
        let judge = CorrectnessJudge(evaluator: evaluator)
        let prediction = Prediction(["sql": "SELECT COUNT(id) FROM emp"])
        let scores = try context(lm: student) { () throws -> [Double] in
            [try judge.metric(Self.sample, prediction), try judge.metric(Self.sample, prediction, []),
             try judge.metric(Self.sample, prediction)]
        }
        // The third answer is "yes": only the exact answer "Yes" scores.
        #expect(scores == [1, 0, 0])
        #expect(judge.metric.isBoolean && judge.metric.name == "correctness_metric")
        #expect(evaluator.calls.count == 3)
        #expect(student.calls.isEmpty)
        let prompt = evaluator.calls[0].messages.map(\.content).joined(separator: "\n")
        #expect(prompt.contains("Assess if the SQL query accurately answers the given natural language query based on the provided context."))
        #expect(prompt.contains("SELECT COUNT(id) FROM emp"))
        #expect(CorrectnessJudge.signature.outputFields.map(\.prefix) == ["Yes/No:"])
    }

    @Test func executionMetricMatchesTheStudysShape() throws {
        let grader = ExecutionAccuracy()
        #expect(try grader.metric(Self.sample, Prediction(["sql": "SELECT COUNT(id) FROM emp"])) == 1)
        #expect(try grader.metric(Self.sample, Prediction(["sql": "SELECT COUNT(*) + 1 FROM emp"])) == 0)
        #expect(try grader.metric(Self.sample, Prediction(["sql": "SELECT COUNT(*) FROM emp"]), []) == 1)
        #expect(grader.verdict(Self.sample, Prediction(["sql": "SELECT nope FROM emp"])).name == "pred_error")
    }

    @Test func bothMetricsSideBySide() throws {
        let examples = [Self.sample, Self.sample, Self.sample]
        let predictions = [Prediction(["sql": "SELECT COUNT(*) FROM emp"]), Prediction(["sql": "SELECT 5"]),
                           Prediction(["sql": "SELECT COUNT(*) FROM emp"])]
        // The judge answers by what it sees, so the scripted verdicts do not depend on thread order.
        let evaluator = DummyLM { _, messages, _ in
            let sawFive = messages.contains { $0.content.contains("SELECT 5") }
            return [DummyLM.chatCompletion(["correct": sawFive ? "Yes" : "No"])]
        }
        let comparison = try MetricComparison(examples: examples, predictions: predictions,
                                              judge: CorrectnessJudge(evaluator: evaluator), numThreads: 3)
        #expect(comparison.rows.map(\.judgeCorrect) == [false, true, false])
        #expect(comparison.rows.map(\.execution.name) == ["match", "mismatch", "match"])
        #expect(comparison.agreement.total == 3)
        #expect(comparison.agreement.agreement == 0)
    }

    @Test func sampleDataAsExamples() throws {
        let examples = try SampleData.text2sql()
        #expect(examples.count == 324)
        let first = examples[0]
        #expect(first.inputKeys == ["sql_prompt", "sql_context"])
        #expect(try first.inputs().keys() == ["sql_prompt", "sql_context"])
        #expect(first.sql.stringValue?.hasPrefix("SELECT") == true)
        #expect(first.domain == "healthcare")
    }
}

extension JudgeTests {
    /// Execution accuracy plugs into DSPy's `Evaluate` on the built-in data: a scripted model that answers every
    /// other question with the gold query and the rest with a wrong one scores exactly the share it got right.
    @Test func evaluateScoresBySampleDataExecution() throws {
        let devset = Array(try SampleData.text2sql().prefix(20))
        let answers = Dictionary(devset.enumerated().map { index, example in
            (example["sql_prompt"]?.stringValue ?? "", index.isMultiple(of: 2) ? example["sql"]?.stringValue ?? "" : "SELECT 'wrong'")
        }, uniquingKeysWith: { first, _ in first })
        let lm = DummyLM { _, messages, _ in
            let asked = messages.last?.content ?? ""
            let sql = answers.first { asked.contains($0.key) }?.value ?? "SELECT 'unknown question'"
            return [DummyLM.chatCompletion(["sql": .string(sql)])]
        }
        let TextToSql = Signature("Transform a natural language query into a SQL query.") {
            InputField("sql_prompt", desc: "Natural language query")
            InputField("sql_context", desc: "Context for the query")
            OutputField("sql", desc: "SQL query")
        }
        let result = try context(lm: lm) {
            try Evaluate(devset: devset, metric: ExecutionAccuracy().metric, numThreads: 4)(Predict(TextToSql))
        }
        #expect(result.score == 50)
        #expect(result.scores == (0..<20).map { $0.isMultiple(of: 2) ? 1 : 0 })
        // Execution accuracy of another metric's evaluation: the same predictions, graded by running them.
        let accepting = try context(lm: lm) {
            try Evaluate(devset: devset, metric: { _, _, _ in true }, numThreads: 4)(Predict(TextToSql))
        }
        #expect(accepting.score == 100)
        #expect(try ExecutionAccuracy().percent(of: accepting) == 50)
    }
}
