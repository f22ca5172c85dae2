import Foundation
import KernelInterpreter
import SwiftParser

/// A cell that starts with `%`: a command to the session rather than Swift code.
enum Magic: Equatable {
    /// `%who`: the variables later cells see, with their types.
    case who
    /// `%reset`: forget every cell and start a fresh worker.
    case reset
    /// `%rerun`: re-run the cells whose state a worker restart lost.
    case rerun
    /// `%timeit <code>`: time a statement.
    case timeit(String)
    /// `%install .package(...) Product...`: add a SwiftPM package to the session.
    case install(String)
    /// `%help`, or an unknown magic (named, to say so).
    case help(unknown: String?)

    /// The magic in `code`, or nil when the cell is Swift.
    init?(parsing code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("%") else { return nil }
        let word = String(trimmed.prefix { !$0.isWhitespace })
        let rest = trimmed.dropFirst(word.count).trimmingCharacters(in: .whitespacesAndNewlines)
        switch word {
        case "%who": self = .who
        case "%reset": self = .reset
        case "%rerun": self = .rerun
        case "%timeit": self = .timeit(rest)
        case "%install": self = .install(rest)
        case "%help": self = .help(unknown: nil)
        default: self = .help(unknown: word)
        }
    }

    static let helpText = """
        %who            the variables later cells see, with their types
        %reset          forget every cell and start a fresh worker
        %rerun          re-run the cells whose values a worker restart lost
        %timeit <code>  time a statement (also callable in Swift: timeit { ... })
        %install .package(path: "/path/to/Package") Product [Product...]
                        build a SwiftPM package (path or url: ..., from: ...) into the session; then import Product
        %help           this list
        Foundation, DSPy, SQLToolkit, MCP and CellRuntime (display, HTML, Markdown, ...) need no import.
        """
}

extension CellInterpreter {
    func run(_ magic: Magic, request: ExecutionRequest, output: any ExecutionOutput) -> ExecutionOutcome {
        switch magic {
        case .who:
            let variables = engine.variables
            let width = variables.map(\.name.count).max() ?? 0
            let lines = variables.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.type }
            output.stream(.stdout, text: (lines.isEmpty ? "No variables." : lines.joined(separator: "\n")) + "\n")
            return .ok(result: nil)
        case .reset:
            do {
                try engine.reset()
            } catch {
                return .error(name: "CellEngineError", value: "\(error)", traceback: ["\(error)"])
            }
            output.stream(.stdout, text: "Session reset: every earlier cell was forgotten.\n")
            return .ok(result: nil)
        case .rerun:
            return engine.rerun(output: output)
        case .install(let line):
            return engine.install(line, output: output)
        case .timeit(let code):
            guard !code.isEmpty else {
                return .error(name: "UsageError", value: "%timeit needs code to time", traceback: ["usage: %timeit <code>"])
            }
            // `try` only where the code throws: swiftc warns about a `try` with nothing to try.
            let parsed = Parser.parse(source: code)
            let throwing = parsed.tokens(viewMode: .sourceAccurate).contains { $0.tokenKind == .keyword(.try) }
            return engine.execute("print(\(throwing ? "try " : "")timeit {\n\(code)\n})", executionCount: request.executionCount,
                                  output: output)
        case .help(let unknown):
            if let unknown {
                return .error(name: "UsageError", value: "unknown magic \(unknown)",
                              traceback: ["unknown magic \(unknown); the magics are:", Magic.helpText])
            }
            output.stream(.stdout, text: Magic.helpText + "\n")
            return .ok(result: nil)
        }
    }
}
