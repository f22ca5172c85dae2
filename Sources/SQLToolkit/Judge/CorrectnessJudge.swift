import DSPy
import JSON

/// The study's LM-judge metric: `Predict(Correctness)` asked, under `context(lm: evaluator)`, whether a predicted
/// query answers the question, scoring 1 only for the exact answer "Yes".
///
/// ```swift
/// let judge = CorrectnessJudge(evaluator: evaluatorLM)
/// let evaluate = Evaluate(devset: valset, metric: judge.metric, numThreads: 10, displayProgress: true)
/// ```
public struct CorrectnessJudge: Sendable {
    /// The study's judge signature, field for field.
    public static let signature = Signature(
        "Assess if the SQL query accurately answers the given natural language query based on the provided context.",
        name: "Correctness"
    ) {
        InputField("sql_prompt", desc: "Natural language query")
        InputField("sql_context", desc: "Context for the query")
        InputField("sql", desc: "SQL query")
        OutputField("correct", desc: "Indicate whether the SQL query correctly answers the natural language query based on the given context", prefix: "Yes/No:")
    }

    /// The model that judges (GPT-4 in the study).
    public let evaluator: any LanguageModel

    public init(evaluator: any LanguageModel) { self.evaluator = evaluator }

    /// The judge's verdict on one query: true when it answers exactly "Yes".
    /// - Throws: the evaluator's or the adapter's errors.
    public func isCorrect(sqlPrompt: JSONValue, sqlContext: JSONValue, sql: JSONValue) throws -> Bool {
        let answer = try context(lm: evaluator) {
            try Predict(Self.signature)(sql_prompt: sqlPrompt, sql_context: sqlContext, sql: sql)
        }
        return answer.correct == "Yes"
    }

    /// The study's `correctness_metric` as a DSPy pass/fail `Metric`: 1 when the judge answers exactly "Yes".
    /// (The study returned a bool when bootstrapping and an int otherwise; `Metric` covers both.)
    public var metric: Metric {
        Metric(name: "correctness_metric") { example, prediction, _ in
            try isCorrect(sqlPrompt: example.value("sql_prompt"), sqlContext: example.value("sql_context"), sql: prediction.sql)
        }
    }
}
