import Foundation
import JSON
import Testing
@testable import Notebooks

@Suite struct NotebookJSONTests {
    static let fixture = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "Fixtures/written-by-nbformat.ipynb")

    @Test func readsWhatNbformatWroteAndWritesTheSameBytes() throws {
        let original = try String(contentsOf: Self.fixture, encoding: .utf8)
        let notebook = try Notebook(contentsOf: Self.fixture)
        #expect(notebook.serialized() == original)
    }

    @Test func readsCellsOutputsAndUnknownMetadata() throws {
        let notebook = try Notebook(contentsOf: Self.fixture)
        #expect(notebook.cells.map(\.kind) == [.markdown, .code, .code, .raw])
        #expect(notebook.cells[0].source.hasPrefix("# Café ✓\n\nSome"))
        #expect(notebook.cells[1].tags == ["parameters"])
        #expect(notebook.cells[1].executionCount == 1)
        #expect(notebook.cells[1].outputs.first == .stream(name: "stdout", text: "1\n2\n"))
        guard case .displayData(let data, _) = notebook.cells[1].outputs[1] else {
            Issue.record("expected display data, got \(notebook.cells[1].outputs[1])")
            return
        }
        #expect(data["text/html"] == "<table>\n<tr><td>1</td></tr>\n</table>")
        #expect(data["application/json"] == ["a": [1, 2]])
        #expect(notebook.cells[3].source == "raw\r\nwindows line")
        #expect(notebook.metadata["custom_tool"]?["ratio"] == 0.25)
        #expect(notebook.metadata["widgets"] != nil)
    }

    @Test func codableMatchesTheJSONForm() throws {
        var notebook = try Notebook(contentsOf: Self.fixture)
        // Foundation's decoder reads `1.0` as an integer; files go through `Notebook(data:)`, which does not.
        notebook.metadata["custom_tool"] = nil
        let decoded = try JSONDecoder().decode(Notebook.self, from: JSONEncoder().encode(notebook))
        #expect(decoded == notebook)
    }

    @Test func errorsNameTheField() throws {
        let text = #"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "markdown", "metadata": {}, "source": ""}, {"cell_type": "widget", "metadata": {}, "source": ""}]}"#
        #expect(throws: NotebookFormatError(field: "cells[1].cell_type", problem: "unknown cell type \"widget\"")) {
            try Notebook(data: Data(text.utf8))
        }
        let missingOutputs = #"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": "", "execution_count": null}]}"#
        #expect(throws: NotebookFormatError(field: "cells[0].outputs", problem: "missing")) {
            try Notebook(data: Data(missingOutputs.utf8))
        }
        #expect(throws: NotebookFormatError(field: "nbformat", problem: "version 3 is not supported (only 4)")) {
            try Notebook(data: Data(#"{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}"#.utf8))
        }
    }

    @Test func assignsStableUniqueCellIDs() {
        var first = Notebook(cells: [.code("print(1)"), .code("print(1)"), .markdown("# x")])
        first.assignMissingCellIDs()
        var second = Notebook(cells: [.code("print(1)"), .code("print(1)"), .markdown("# x")])
        second.assignMissingCellIDs()
        let ids = first.cells.compactMap(\.id)
        #expect(ids.count == 3 && Set(ids).count == 3)
        #expect(ids == second.cells.compactMap(\.id))
        #expect(ids.allSatisfy { $0.range(of: "^[a-zA-Z0-9-_]{1,64}$", options: .regularExpression) != nil })
    }

    @Test func splitsLinesLikePython() {
        #expect(splitLines("") == [])
        #expect(splitLines("a\nb") == ["a\n", "b"])
        #expect(splitLines("a\r\nb\rc\n") == ["a\r\n", "b\r", "c\n"])
        #expect(splitLines("a\u{2028}b") == ["a\u{2028}", "b"])
    }
}

@Suite struct NotebookJSONNumberTests {
    @Test func floatsReadFromANotebookAreWrittenBackAsFloats() throws {
        #expect(NotebookJSONWriter.inline(try JSONReader.parse("[1.0, 1e16, 2]")) == "[1.0, 1e+16, 2]")
    }

    @Test func brokenJSONIsANotebookFormatErrorWithTheByteOffset() {
        #expect(throws: NotebookFormatError(field: "(document)", problem: "not JSON at byte 9: expected a key")) {
            try Notebook(data: Data(#"{"a": 1, }"#.utf8))
        }
    }
}
