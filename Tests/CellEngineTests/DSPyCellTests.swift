import Foundation
import KernelInterpreter
import Testing

/// DSPy used from cells: settings configured in one cell are seen by DSPy code run from later cells and by the
/// worker's own DSPy (one copy of DSPy's state); Evaluate's progress and table, predictions and `inspectHistory`
/// reach the frontend as rich displays — in a random search, one progress display per bar DSPy shows.
@Suite(.serialized)
struct DSPyCellTests {
    static let scriptedLM = """
        struct ScriptedLM: LanguageModel {
            let model = "scripted"
            func generate(messages: [ChatMessage], config: [String: JSONValue]) throws -> [String] {
                let question = messages.last?.content ?? ""
                let answer = question.contains("6 x 7") ? "42" : "unknown"
                return ["[[ ## answer ## ]]\\n\\(answer)\\n\\n[[ ## completed ## ]]"]
            }
        }
        configure(lm: ScriptedLM())
        """

    /// Six questions the scripted LM answers right every other time, and an exact-match metric.
    static let scoredRows = """
        let devset = (0..<6).map { Example(["question": .string($0 % 2 == 0 ? "What is 6 x 7?" : "other"), "answer": "42"]).withInputs("question") }
        let exact = Metric { example, prediction, _ in example.answer == prediction.answer }
        """

    /// A session with the scripted LM configured and `scoredRows` defined.
    static func scoredRowsFixture() throws -> EngineFixture {
        let fixture = try EngineFixture()
        #expect(fixture.run(scriptedLM).0.succeeded)
        #expect(fixture.run(scoredRows).0.succeeded)
        return fixture
    }

    @Test func predictUsesTheLMConfiguredInAnEarlierCell() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run(Self.scriptedLM).0.succeeded)
        #expect(fixture.run("let qa = Predict(try Signature(\"question -> answer\"))").0.succeeded)
        let (outcome, output) = fixture.run("let pred = try qa(question: \"What is 6 x 7?\")\nprint(pred.answer)")
        #expect(outcome.succeeded, "\(outcome)")
        #expect(output.text(.stdout).contains("42"), "\(output.events)")
        // The presenter the worker installed at start is the one cells see: the same DSPy globals.
        #expect(fixture.run("String(describing: type(of: Presentation.presenter))").0.plainResult == "\"JupyterPresenter\"")
    }

    @Test func evaluateShowsProgressAndTableAsDisplays() throws {
        let fixture = try Self.scoredRowsFixture()
        defer { fixture.close() }
        let code = """
            let result = try Evaluate(devset: devset, metric: exact, numThreads: 2, displayProgress: true, displayTable: 2)(Predict(try Signature("question -> answer")))
            result.score
            """
        let (outcome, output) = fixture.run(code)
        #expect(outcome.plainResult == "50.0", "\(outcome)\n\(output.events)")
        let displays = output.events.compactMap { event -> (MimeBundle, String?, Bool)? in
            if case .display(let bundle, let id, let update) = event { return (bundle, id, update) }
            return nil
        }
        #expect(displays.contains { $0.0["text/plain"]?.stringValue?.contains("6/6") == true && $0.1 != nil }, "\(displays)")
        #expect(displays.contains { $0.0["text/html"]?.stringValue?.contains("<table") == true }, "\(displays)")
    }

    @Test func aPredictionShowsItsFieldsAsATable() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, _) = fixture.run("Prediction([\"reasoning\": \"a < b\\nso\", \"sql\": \"SELECT 1\"])")
        guard case .ok(let result?, _, _) = outcome else { Issue.record("\(outcome)"); return }
        let html = result["text/html"]?.stringValue ?? ""
        #expect(html.contains("<th style=\"text-align: left; vertical-align: top\">reasoning</th>"), "\(html)")
        #expect(html.contains("a &lt; b\nso</pre>") && html.contains(">SELECT 1</pre>"), "\(html)")
        #expect(result["text/plain"]?.stringValue == "Prediction(\n    reasoning='a < b\\nso',\n    sql='SELECT 1'\n)")
    }

    @Test func inspectHistoryShowsTheMessagesAsHTML() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        // A real LM call, to the offline model started beside the worker, so that it is recorded in the history.
        let code = """
            let server = try OfflineModelServer()
            defer { server.stop() }
            let lm = LM("openai/offline-text2sql", apiBase: server.baseURL, apiKey: "x", cache: false)
            _ = try context(lm: lm) { try Predict(try Signature("question -> answer"))(question: "What is 6 x 7?") }
            inspectHistory(n: 1)
            """
        let (outcome, output) = fixture.run(code)
        #expect(outcome.succeeded, "\(outcome)")
        let bundles = output.events.compactMap { event -> MimeBundle? in
            if case .display(let bundle, _, _) = event { return bundle }
            return nil
        }
        let html = bundles.first?["text/html"]?.stringValue ?? ""
        #expect(html.contains("openai/offline-text2sql") && html.contains("<details><summary"), "\(html)")
        #expect(html.contains("User message</summary>") && html.contains("What is 6 x 7?"), "\(html)")
        #expect(html.contains(">Response</div><pre") && html.contains("[[ ## answer ## ]]"), "\(html)")
        // The plain form is DSPy's layout without ANSI colours, and nothing is printed on stdout besides.
        #expect(bundles.first?["text/plain"]?.stringValue?.contains("\nUser message:\n") == true)
        #expect(!output.text(.stdout).contains("\u{1B}["), "\(output.text(.stdout))")
    }

    @Test func randomSearchShowsOneDisplayPerBar() throws {
        let fixture = try Self.scoredRowsFixture()
        defer { fixture.close() }
        let code = """
            let best = try BootstrapFewShotWithRandomSearch(metric: exact, maxBootstrappedDemos: 1, numCandidatePrograms: 1, numThreads: 2)
                .compile(Predict(try Signature("question -> answer")), trainset: devset)
            best.candidatePrograms.count
            """
        let (outcome, output) = fixture.run(code)
        #expect(outcome.plainResult == "4", "\(outcome)\n\(output.events)")
        var finalBars: [String: String] = [:]
        for event in output.events {
            if case .display(let bundle, let id?, _) = event, id.hasPrefix("dspy-progress") {
                finalBars[id] = bundle["text/plain"]?.stringValue
            }
        }
        // Seeds -3 and -2: an evaluation bar each; seeds -1 and 0: a bootstrap bar and an evaluation bar each.
        #expect(finalBars.count == 6, "\(finalBars)")
        #expect(finalBars.values.filter { $0.hasPrefix("Average Metric") && $0.contains("6/6") }.count == 4, "\(finalBars)")
        #expect(output.text(.stdout).contains("4 candidate programs found."))
    }
}
