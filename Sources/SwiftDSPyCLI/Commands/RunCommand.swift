import ArgumentParser
import CellEngine
import Dispatch
import Foundation
import Notebooks

/// `swift-dspy run`: executes a notebook or literate script headlessly, like `jupyter nbconvert --execute`
/// and papermill, through the same cell engine as the kernel.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Executes a notebook or literate script headlessly.",
        discussion: """
            Cells run in order through the Swift cell engine; their output streams to the terminal. With \
            --output, the executed notebook is written with every cell's outputs. Parameters (-p NAME VALUE) \
            are injected after the cell tagged `parameters`, as papermill does. The command fails at the first \
            failing cell, naming it; Ctrl-C interrupts the running cell.
            """
    )

    @Argument(help: "The notebook (.ipynb) or literate script (.swift) to run.")
    var notebook: String

    @Option(name: .shortAndLong, help: "Where to write the executed notebook (.ipynb).")
    var output: String?

    @Option(name: [.customShort("p"), .customLong("parameter")], parsing: .upToNextOption,
            help: ArgumentHelp("A parameter to inject, as NAME VALUE; repeat for more.", valueName: "name value"))
    var parameters: [String] = []

    @Flag(help: "Keep running after a failing cell (the command still fails).")
    var allowErrors = false

    @Flag(name: .shortAndLong, help: "Do not echo cell output to the terminal.")
    var quiet = false

    @Option(help: "The working directory for the cells (default: the current one).")
    var cwd: String?

    func validate() throws {
        guard parameters.count.isMultiple(of: 2) else {
            throw ValidationError("-p takes a name and a value: -p NAME VALUE")
        }
        if let output, LiterateScript.isScript(URL(filePath: output)) {
            throw ValidationError("--output must be a .ipynb notebook: a script has no room for outputs")
        }
    }

    func run() throws {
        let inputURL = URL(filePath: notebook)
        let outputURL = output.map { URL(filePath: $0) }
        var document = try LiterateScript.readNotebook(at: inputURL)
        let pairs = stride(from: 0, to: parameters.count, by: 2).map {
            NotebookParameter(name: parameters[$0], value: parameters[$0 + 1])
        }
        let reporter = TerminalReporter()
        for notice in try document.injectParameters(pairs) { reporter.handle(.notice(notice)) }
        if let cwd {
            guard FileManager.default.changeCurrentDirectoryPath(cwd) else {
                throw ValidationError("--cwd \(cwd) is not a directory")
            }
        }

        let interpreter = try CellInterpreter(configuration: .default)
        defer { interpreter.shutdown(restart: false) }
        let interruptions = InterruptForwarder { interpreter.interrupt() }
        defer { interruptions.stop() }

        let result = NotebookRunner(interpreter: interpreter, observer: quiet ? nil : reporter)
            .run(document, allowErrors: allowErrors)
        if let outputURL {
            try result.notebook.write(to: outputURL)
            if !quiet { printError("wrote \(outputURL.relativePath)") }
        }
        if let failure = result.failure {
            printError("\(inputURL.lastPathComponent): \(failure)")
            throw ExitCode.failure
        }
    }
}

/// Turns Ctrl-C into an interrupt of the running cell instead of the end of the process, as in Jupyter.
private final class InterruptForwarder {
    private let source: any DispatchSourceSignal

    init(_ interrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: interrupt)
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
