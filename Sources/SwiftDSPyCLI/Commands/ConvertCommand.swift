import ArgumentParser
import Foundation
import Notebooks

/// `swift-dspy convert`: .ipynb ⇄ literate .swift script (jupytext's percent format).
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Converts between .ipynb notebooks and literate .swift scripts.",
        discussion: """
            A notebook becomes a script with `// %%` cell markers and `// %% [markdown]` comment cells; a script \
            becomes a notebook without outputs. With --check nothing is written: the command fails when OUTPUT \
            does not say the same as INPUT.
            """
    )

    @Argument(help: "The notebook (.ipynb) or literate script (.swift) to convert.")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write (default: INPUT with the other extension).")
    var output: String?

    @Flag(help: "Only check that OUTPUT is in sync with INPUT; exit 1 listing the differences when not.")
    var check = false

    func run() throws {
        let inputURL = URL(filePath: input)
        let outputURL = output.map { URL(filePath: $0) }
            ?? inputURL.deletingPathExtension().appendingPathExtension(LiterateScript.isScript(inputURL) ? "ipynb" : "swift")
        guard LiterateScript.isScript(inputURL) != LiterateScript.isScript(outputURL) else {
            throw ValidationError("convert between a .ipynb notebook and a .swift script (got \(inputURL.lastPathComponent) → \(outputURL.lastPathComponent))")
        }
        let notebook = try LiterateScript.readNotebook(at: inputURL)
        if check {
            try checkSync(notebook, against: outputURL)
            return
        }
        try LiterateScript.writeNotebook(notebook, to: outputURL)
        print("wrote \(outputURL.relativePath)")
    }

    private func checkSync(_ notebook: Notebook, against outputURL: URL) throws {
        let notebookFile = LiterateScript.isScript(outputURL) ? URL(filePath: input) : outputURL
        let scriptFile = LiterateScript.isScript(outputURL) ? outputURL : URL(filePath: input)
        let pairedNotebook = LiterateScript.isScript(outputURL) ? notebook : try Notebook(contentsOf: outputURL)
        let script = try String(contentsOf: scriptFile, encoding: .utf8)
        var differences = try ScriptSync.differences(notebook: pairedNotebook, script: script)
        if differences.isEmpty, try LiterateScript.render(pairedNotebook) != script {
            differences.append("\(scriptFile.relativePath) is not laid out as convert writes it")
        }
        guard differences.isEmpty else {
            for difference in differences { printError("\(notebookFile.relativePath) ⇄ \(scriptFile.relativePath): \(difference)") }
            throw ExitCode.failure
        }
        print("\(notebookFile.relativePath) and \(scriptFile.relativePath) are in sync")
    }
}

/// Writes a line to stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
