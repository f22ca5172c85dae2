import DSPy
import JSON
import SQLToolkit
import Testing

/// Execution accuracy as GEPA's feedback metric: the score of `metric` and the verdict in words.
@Suite struct FeedbackMetricTests {
    let metric = ExecutionAccuracy().feedbackMetric

    func example(gold: String) -> Example {
        Example(["sql_context": .string(ExecutionAccuracyTests.context), "sql": .string(gold), "sql_prompt": "Who?"])
            .withInputs("sql_prompt", "sql_context")
    }

    @Test func aMatchScoresOneAndSaysSo() throws {
        let result = try metric(example(gold: "SELECT name FROM emp WHERE dept = 'HR'"), Prediction(["sql": "SELECT name FROM emp WHERE dept = 'HR'"]))
        #expect(result == ScoreWithFeedback(score: 1, feedback: "The query is correct: it returned the same result as the gold query."))
        #expect(try metric.scoreOnly(example(gold: "SELECT 1"), Prediction(["sql": "SELECT 2"])) == 0)
    }

    @Test func wrongRowsNameTheDifferenceAndTheGoldQuery() throws {
        let gold = "SELECT name FROM emp WHERE dept = 'HR'"
        let result = try metric(example(gold: gold), Prediction(["sql": "SELECT name FROM emp"]))
        #expect(result.score == 0)
        #expect(result.feedback == "The query ran but returned the wrong result: 4 rows where the gold result has 2. The gold query is:\n\(gold)")
    }

    @Test func anErrorGivesSQLitesWords() throws {
        let result = try metric(example(gold: "SELECT name FROM emp"), Prediction(["sql": "SELECT nme FROM emp"]))
        #expect(result.score == 0)
        #expect(result.feedback?.hasPrefix("The query failed to run: ") == true)
        #expect(result.feedback?.contains("no such column: nme") == true)
        #expect(result.feedback?.hasSuffix("The gold query is:\nSELECT name FROM emp") == true)
    }

    @Test func aBrokenGoldQueryIsNotBlamedOnThePrediction() throws {
        let result = try metric(example(gold: "SELECT * FROM nowhere"), Prediction(["sql": "SELECT 1"]))
        #expect(result.score == 0)
        #expect(result.feedback?.hasPrefix("The gold query itself could not run (") == true)
        #expect(result.feedback?.hasSuffix("), so this example cannot judge the query.") == true)
    }
}
