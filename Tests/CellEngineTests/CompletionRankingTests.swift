import KernelInterpreter
import Testing
@testable import CellEngine

/// Completion's pure parts: which predictor a call is on and its input fields, read from cell sources; the
/// order and hiding of names.
struct CompletionRankingTests {
    @Test func aStringSignatureLiteralGivesItsInputFields() {
        let cell = #"let predict = try Predict("sql_prompt, sql_context: list[str] -> sql")"#
        let fields = PredictorFields.inputFields(of: "predict", in: ["predict(", cell])
        #expect(fields?.map(\.name) == ["sql_prompt", "sql_context"])
        #expect(fields?.map(\.type) == ["str", "list[str]"])
    }

    @Test func aSignatureDeclaredInAnEarlierCellIsFollowedThroughItsName() {
        let signature = """
            let TextToSql = Signature("Transform a natural language query into a SQL query.") {
                InputField("sql_prompt", desc: "Natural language query")
                InputField("sql_context", desc: "Context for the query")
                OutputField("sql", desc: "SQL query")
            }
            """
        let module = "let program = ChainOfThought(TextToSql.withInstructions(\"Be brief.\"))"
        let fields = PredictorFields.inputFields(of: "program", in: ["program(", module, signature])
        #expect(fields?.map(\.name) == ["sql_prompt", "sql_context"])
        #expect(fields?.first?.description == "Natural language query")
        #expect(PredictorFields.inputFields(of: "TextToSql", in: [signature]) == nil, "a signature is not a predictor")
        #expect(PredictorFields.inputFields(of: "unknown", in: [signature]) == nil)
    }

    @Test func theNewestBindingWins() {
        let cells = [#"let p = try Predict("b -> c")"#, #"let p = try Predict("a -> c")"#]
        #expect(PredictorFields.inputFields(of: "p", in: cells)?.map(\.name) == ["b"])
    }

    @Test func theEnclosingCallAndItsGivenLabels() {
        let code = #"let r = try predict(sql_prompt: "x", "#
        let call = PredictorFields.enclosingCall(in: code, utf8Offset: code.utf8.count)
        #expect(call?.callee == "predict" && call?.givenLabels == ["sql_prompt"])
        #expect(PredictorFields.enclosingCall(in: "self.program(", utf8Offset: 13)?.callee == "program")
        #expect(PredictorFields.enclosingCall(in: "f(1) + ", utf8Offset: 7) == nil)
    }

    @Test func userNamesComeFirstAndCGlobalsOnlyWhenTypedWithTheirOwnCase() {
        let names = ModuleNames(project: ["Predict": "class", "Prediction": "struct"], cLibrary: ["pread", "PF_INET"])
        let candidates = ["pread", "Predicate", "Prediction", "Predict", "predictedRows", "PF_INET"].map {
            CompletionCandidate(text: $0, detail: CompletionDetail(type: "text"))
        }
        let ranking = { (prefix: String) in
            CompletionRanking(names: names, userNames: ["predictedRows"], prefix: prefix, afterDot: false).rank(candidates).map(\.text)
        }
        #expect(ranking("Pre") == ["predictedRows", "Prediction", "Predict", "Predicate"])
        #expect(ranking("pre") == ["predictedRows", "Prediction", "Predict", "Predicate", "pread"])
        #expect(ranking("") == ["predictedRows", "Prediction", "Predict", "Predicate"])
        #expect(ranking("PF_").isEmpty == false && ranking("PF").isEmpty)
        let members = CompletionRanking(names: names, userNames: [], prefix: "", afterDot: true).rank(candidates).map(\.text)
        #expect(members == candidates.map(\.text), "members keep the server's order")
    }
}
