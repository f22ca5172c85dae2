import CellRuntime
@testable import DSPy
import DSPyTesting
import JSON
import Testing

/// DSPy's results show themselves in a notebook: evaluations as a summary box, an optimizer's candidates as a
/// chart, and a study's rows beside the published numbers as a table.
@Suite struct DSPyDisplayTests {
    @Test func anEvaluationShowsItsScoreAndFailures() throws {
        let devset = (0..<4).map { Example(["question": .string("q\($0)"), "answer": "42"]).withInputs("question") }
        let lm = DummyLM { _, messages, _ in
            [DummyLM.chatCompletion(["answer": (messages.last?.content ?? "").contains("q0") ? "42" : "7"])]
        }
        let result = try context(lm: lm) {
            try Evaluate(devset: devset, metric: { example, prediction, _ in
                if example.question == "q3" { throw MetricBroke() }
                return example.answer == prediction.answer
            })(Predict("question -> answer"))
        }
        let bundle = result.mimeBundle
        #expect(bundle["text/plain"]?.stringValue == """
            Score: 25.0%
            1 / 4 examples
            1 failed (the errors are logged above) and scored as failures
            """)
        #expect(bundle["text/html"]?.stringValue?.hasPrefix("<div style=\"border-left: 4px solid #2b7bb9") == true)
        #expect(bundle["text/html"]?.stringValue?.contains("<b>Score: 25.0%</b><br>1 / 4 examples") == true)
    }

    @Test func randomSearchCandidatesShowAsABarChartBySeed() {
        let candidates = [CandidateProgram(score: 80, subscores: [], seed: 0, program: Module()),
                          CandidateProgram(score: 40, subscores: [], seed: -3, program: Module()),
                          CandidateProgram(score: 80, subscores: [], seed: -1, program: Module())]
        let svg = candidates.chart(caption: "served <model>, judged by x").svg
        #expect(svg.components(separatedBy: "<rect").count - 1 == 3)
        #expect(svg.components(separatedBy: "fill=\"#2b7bb9\"").count - 1 == 2, "both best candidates highlighted")
        #expect(svg.contains("served &lt;model&gt;, judged by x"))
        let labels = svg.matches(of: /text-anchor="middle">([-0-9.]+)<\/text>/).map { String($0.output.1) }
        #expect(labels == ["40.0", "-3", "80.0", "-1", "80.0", "0"])
        #expect(candidates.mimeBundle["text/plain"]?.stringValue == "seed -3: 40.0%\nseed -1: 80.0%\nseed 0: 80.0%")
        #expect(candidates.mimeBundle["image/svg+xml"] != nil)
    }

    @Test func aMIPROv2RunShowsItsScorePerTrialWithMinibatchesInGrey() {
        let program = Module()
        let result = MIPROv2Result(
            program: program, score: 60,
            evaluations: [.init(trial: 1, score: 40, fullEvaluation: true, params: [:], program: program),
                          .init(trial: 2, score: 70, fullEvaluation: false, params: [:], program: program),
                          .init(trial: 3, score: 60, fullEvaluation: true, params: [:], program: program)],
            instructionCandidates: [], demoCandidates: nil)
        let chart = result.chart(caption: "offline model")
        #expect(chart.svg.components(separatedBy: "<rect").count - 1 == 3)
        #expect(chart.svg.contains("fill=\"#c8c8c8\"") && chart.svg.contains("(grey: minibatch)"))
        // The best full evaluation is highlighted, not the higher minibatch score.
        #expect(chart.svg.components(separatedBy: "fill=\"#2b7bb9\"").count - 1 == 1)
        #expect(result.mimeBundle["text/plain"]?.stringValue == "trial 1: 40.0%\ntrial 2: 70.0% (minibatch)\ntrial 3: 60.0%")
    }

    @Test func aComparisonTablePutsRowsBesideThePublishedNumbers() {
        let table = ComparisonTable(columns: ["Model", "Optimization", "Test"], published: ["Published test", "Note"])
        let row = table.add(["offline model", "none", "40.0%"], published: ["50.67%"])
        table.add(["a|b <i>", "LabeledFewShot", "60.0%"])
        #expect(table.markdown == """
            | Model | Optimization | Test | Published test | Note |
            | --- | --- | --- | --- | --- |
            | offline model | none | 40.0% | 50.67% | – |
            | a|b <i> | LabeledFewShot | 60.0% | – | – |
            """)
        let html = table.mimeBundle["text/html"]?.stringValue ?? ""
        #expect(html.hasPrefix("<table><thead><tr><th>Model</th>") && html.contains("<td>a|b &lt;i&gt;</td>"), "\(html)")
        #expect(table.mimeBundle["text/markdown"]?.stringValue == table.markdown)
        #expect(row.mimeBundle["text/plain"]?.stringValue == """
            offline model · none
            Test: 40.0%
            Published test: 50.67%
            Note: –
            """)
    }
}

private struct MetricBroke: Error {}
