import Foundation
import Testing
@testable import Notebooks

/// Every notebook under `notebooks/` has a literate script beside it that says the same thing, laid out as
/// `swift-dspy convert` writes it; edit one and convert, or this fails.
@Suite struct NotebookPairsTests {
    static let folder = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "notebooks")

    static func files(withExtension pathExtension: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == pathExtension }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func everyNotebookHasAScriptAndViceVersa() throws {
        let notebooks = try Self.files(withExtension: "ipynb").map { $0.deletingPathExtension().lastPathComponent }
        let scripts = try Self.files(withExtension: "swift").map { $0.deletingPathExtension().lastPathComponent }
        #expect(!notebooks.isEmpty)
        #expect(notebooks == scripts)
    }

    @Test(arguments: try files(withExtension: "ipynb"))
    func notebookAndScriptAreInSync(_ notebookURL: URL) throws {
        let scriptURL = notebookURL.deletingPathExtension().appendingPathExtension("swift")
        let notebook = try Notebook(contentsOf: notebookURL)
        let script = try String(contentsOf: scriptURL, encoding: .utf8)
        #expect(try ScriptSync.differences(notebook: notebook, script: script) == [])
        #expect(try LiterateScript.render(notebook) == script)
        #expect(notebook.serialized() == (try String(contentsOf: notebookURL, encoding: .utf8)),
                "\(notebookURL.lastPathComponent) is not laid out as nbformat writes it")
    }
}
