import JSON
import Testing
@testable import Notebooks

@Suite struct ParameterInjectionTests {
    static let parametersCell = Cell.code("""
        let sampleSize = 100
        var ratio = 0.25
        let servedURL: String? = nil
        let verbose = false
        let model = "offline"
        let seed: UInt64 = 1399
        let limits: [Int] = [1, 2]
        """, tags: ["parameters"])

    @Test func injectsTypedDeclarationsAfterTheParametersCell() throws {
        var notebook = Notebook(cells: [.markdown("# t"), Self.parametersCell, .code("print(sampleSize)")])
        let notices = try notebook.injectParameters([
            NotebookParameter(name: "sampleSize", value: "10"), NotebookParameter(name: "ratio", value: "0.5"),
            NotebookParameter(name: "servedURL", value: "http://127.0.0.1:8000/v1"), NotebookParameter(name: "verbose", value: "True"),
            NotebookParameter(name: "model", value: "say \"hi\"\n"), NotebookParameter(name: "seed", value: "7"),
            NotebookParameter(name: "limits", value: "[3]"),
        ])
        #expect(notices.isEmpty)
        #expect(notebook.cells.count == 4)
        let injected = notebook.cells[2]
        #expect(injected.tags == ["injected-parameters"])
        #expect(injected.id != nil)
        #expect(injected.source == """
            // Parameters
            let sampleSize = 10
            var ratio = 0.5
            let servedURL: String? = "http://127.0.0.1:8000/v1"
            let verbose = true
            let model = "say \\"hi\\"\\n"
            let seed: UInt64 = 7
            let limits: [Int] = [3]
            """)
        #expect(notebook.metadata["papermill"]?["parameters"]?["sampleSize"] == 10)
        #expect(notebook.metadata["papermill"]?["parameters"]?["verbose"] == true)
    }

    @Test func replacesAnEarlierInjectionAndWarnsAboutUndeclaredNames() throws {
        var notebook = Notebook(cells: [Self.parametersCell, .code("print(1)")])
        try notebook.injectParameters([NotebookParameter(name: "sampleSize", value: "10")])
        let notices = try notebook.injectParameters([NotebookParameter(name: "extra", value: "3.5")])
        #expect(notebook.cells.count == 3)
        #expect(notebook.cells[1].source == "// Parameters\nlet extra = 3.5")
        #expect(notices == ["parameter extra is not declared in the parameters cell; injected anyway"])
    }

    @Test func withoutAParametersCellInjectsFirst() throws {
        var notebook = Notebook(cells: [.code("print(1)")])
        let notices = try notebook.injectParameters([NotebookParameter(name: "name", value: "Ada")])
        #expect(notebook.cells[0].source == "// Parameters\nlet name = \"Ada\"")
        #expect(notices.count == 1)
    }

    @Test func rejectsValuesThatDoNotFitTheDeclaredType() {
        var notebook = Notebook(cells: [Self.parametersCell])
        #expect(throws: ParameterError(name: "sampleSize", problem: "\"lots\" is not an integer")) {
            try notebook.injectParameters([NotebookParameter(name: "sampleSize", value: "lots")])
        }
        #expect(throws: ParameterError(name: "verbose", problem: "\"maybe\" is not true or false")) {
            try notebook.injectParameters([NotebookParameter(name: "verbose", value: "maybe")])
        }
    }
}
