import Foundation
import JupyterKernel
import Testing

/// DSPy used from cells: settings configured in one cell are seen by DSPy code run from later cells and by the
/// worker's own DSPy (one copy of DSPy's state), and Evaluate's progress and table reach the frontend as displays.
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
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run(Self.scriptedLM).0.succeeded)
        let code = """
            let devset = (0..<6).map { Example(["question": .string($0 % 2 == 0 ? "What is 6 x 7?" : "other"), "answer": "42"]).withInputs("question") }
            let exact = Metric { example, prediction, _ in try example.answer == prediction.answer }
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
}
