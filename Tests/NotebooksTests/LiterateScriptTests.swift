import Foundation
import JSON
import Testing
@testable import Notebooks

@Suite struct LiterateScriptTests {
    static let script = """
        // ---
        // jupyter:
        //   kernelspec:
        //     display_name: Swift (DSPy)
        //     language: swift
        //     name: swift-dspy
        // ---

        // %% [markdown]
        // # Title
        //
        // Some text.

        // %% tags=["parameters"]
        let sampleSize = 100
        let model = "offline"

        // %%
        func twice(_ x: Int) -> Int {

            x * 2
        }
        print(twice(sampleSize))

        // %% [raw] format="text/plain"
        // raw text

        """

    @Test func parsesCellsKindsTagsAndHeader() throws {
        let notebook = try LiterateScript.parse(Self.script)
        #expect(notebook.cells.map(\.kind) == [.markdown, .code, .code, .raw])
        #expect(notebook.cells[0].source == "# Title\n\nSome text.")
        #expect(notebook.cells[1].tags == ["parameters"])
        #expect(notebook.cells[1].source == "let sampleSize = 100\nlet model = \"offline\"")
        #expect(notebook.cells[2].source == "func twice(_ x: Int) -> Int {\n\n    x * 2\n}\nprint(twice(sampleSize))")
        #expect(notebook.cells[3].metadata["format"] == "text/plain")
        #expect(notebook.metadata["kernelspec"] == Notebook.swiftDSPyKernelspec)
        #expect(notebook.cells.allSatisfy { $0.id != nil })
    }

    @Test func rendersBackTheSameText() throws {
        let notebook = try LiterateScript.parse(Self.script)
        #expect(try LiterateScript.render(notebook) == Self.script)
    }

    @Test func notebookToScriptToNotebookKeepsCells() throws {
        var notebook = Notebook(cells: [
            .markdown("## Quotes \"and\" 'single'\n\n- a list"),
            .code("let a = [1, 2]\n// %%not a marker\nprint(a)", tags: ["a", "b"]),
            .code(""),
        ], metadata: ["kernelspec": Notebook.swiftDSPyKernelspec, "jupytext": ["formats": "ipynb,swift:percent"]])
        notebook.cells[1].metadata["papermill"] = ["duration": 1.5]
        let script = try LiterateScript.render(notebook)
        #expect(script.contains(#"// %% papermill={"duration": 1.5} tags=["a", "b"]"#))
        #expect(script.contains("//   jupytext:\n//     formats: 'ipynb,swift:percent'\n"))
        let back = try LiterateScript.parse(script)
        #expect(back.cells.map(\.source) == notebook.cells.map(\.source))
        #expect(back.cells.map(\.metadata) == notebook.cells.map(\.metadata))
        #expect(back.metadata["jupytext"] == notebook.metadata["jupytext"])
        #expect(try ScriptSync.differences(notebook: notebook, script: script).isEmpty)
    }

    @Test func aScriptWithoutHeaderOrMarkersIsOneCodeCell() throws {
        let notebook = try LiterateScript.parse("print(1)\nprint(2)\n")
        #expect(notebook.cells.map(\.source) == ["print(1)\nprint(2)"])
        #expect(notebook.metadata["kernelspec"] == Notebook.swiftDSPyKernelspec)
    }

    @Test func errorsNameTheLine() {
        #expect(throws: LiterateScriptError.line(3, "a line of a markdown cell must be a // comment")) {
            try LiterateScript.parse("// %% [markdown]\n// fine\nnot a comment\n")
        }
        #expect(throws: LiterateScriptError.line(2, "expected [markdown] or [raw] after \"// %%\"")) {
            try LiterateScript.parse("print(1)\n// %% [python]\n")
        }
        #expect(throws: LiterateScriptError.line(1, "expected key=<JSON> metadata, found \"a title\"")) {
            try LiterateScript.parse("// %% a title\n")
        }
        #expect(throws: LiterateScriptError.line(1, "the header starting here has no closing \"// ---\"")) {
            try LiterateScript.parse("// ---\n// jupyter:\n")
        }
    }

    @Test func refusesCodeThatWouldReadBackAsAMarker() {
        let notebook = Notebook(cells: [.markdown("x"), .code("let a = 1\n// %% [markdown]")])
        #expect(throws: LiterateScriptError.self) { try LiterateScript.render(notebook) }
    }

    @Test func reportsDifferencesBetweenANotebookAndItsScript() throws {
        let notebook = try LiterateScript.parse(Self.script)
        var edited = notebook
        edited.cells[2].source += "\nprint(0)"
        edited.cells.removeLast()
        let differences = try ScriptSync.differences(notebook: edited, script: Self.script)
        #expect(differences.count == 2)
        #expect(differences[0] == "the notebook has 3 cells, the script 4")
        #expect(differences[1].hasPrefix("cell 3: the sources differ"))
    }
}
