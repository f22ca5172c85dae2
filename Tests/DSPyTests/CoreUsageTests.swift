import DSPy
import DSPyTesting
import JSON
import Testing

let TextToSql = Signature("Transform a natural language query into a SQL query.") {
    InputField("sql_prompt", desc: "Natural language query")
    InputField("sql_context", desc: "Context for the query")
    OutputField("sql", desc: "SQL query")
}

final class TextToSqlProgram: Module {
    let program = ChainOfThought(TextToSql)
    override func forward(_ inputs: Example) throws -> Prediction {
        try program(sql_prompt: inputs.sql_prompt, sql_context: inputs.sql_context)
    }
}

@Suite struct CoreUsageTests {
    @Test func predictReadsFieldsFromTheCompletion() throws {
        let lm = DummyLM(answers: [["sql": "SELECT 1"]])
        let predict = Predict(TextToSql)
        let pred = try context(lm: lm) { try predict(sql_prompt: "one", sql_context: "CREATE TABLE t (a INT)") }
        #expect(pred.sql == "SELECT 1")
        #expect("\(pred.sql)" == "SELECT 1")
        #expect(lm.calls.count == 1)
        #expect(lm.calls[0].messages.map(\.role) == ["system", "user"])
    }

    @Test func programComposesChainOfThought() throws {
        let lm = DummyLM(answers: [["reasoning": "count rows", "sql": "SELECT COUNT(*) FROM t"]])
        let program = TextToSqlProgram()
        let sample = Example(["sql_prompt": "how many", "sql_context": "CREATE TABLE t (a INT)", "sql": "x"])
            .withInputs("sql_prompt", "sql_context")
        let pred = try context(lm: lm) { try program(try sample.inputs()) }
        #expect(pred.reasoning == "count rows")
        #expect(pred.sql == "SELECT COUNT(*) FROM t")
        #expect(program.namedPredictors().map(\.0) == ["program.predict"])
    }

    @Test func deepcopySeparatesPredictorState() throws {
        let program = TextToSqlProgram()
        program.predictors()[0].demos = [Example(["sql_prompt": "a", "sql": "b"])]
        let copy = program.deepcopy()
        #expect(copy.predictors()[0] !== program.predictors()[0])
        #expect(copy.predictors()[0].demos.count == 1)
        copy.predictors()[0].demos = []
        #expect(program.predictors()[0].demos.count == 1)
        #expect(program.resetCopy().predictors()[0].demos.isEmpty)
    }

    @Test func contextReachesParallelWorkers() throws {
        let outer = DummyLM(answers: [["answer": "outer"]], repeating: true)
        let inner = DummyLM(answers: [["answer": "inner"]], repeating: true)
        let predict = Predict("question -> answer")
        let answers = try context(lm: outer) {
            try ParallelExecutor(numThreads: 4).map(Array(0..<20)) { index in
                try context(lm: index.isMultiple(of: 2) ? inner : outer) {
                    try predict(question: .int(index)).answer.pythonStr
                }
            }
        }
        #expect(answers == (0..<20).map { $0.isMultiple(of: 2) ? "inner" : "outer" })
        #expect(inner.calls.count == 10)
        #expect(outer.calls.count == 10)
    }
}
