import Foundation
import Testing
@testable import CellEngine

/// A cell's diagnostics are exactly what `swiftc` says about the same code as a top-level `main.swift`, at
/// the cell's own lines and columns, and the generated wrapper adds none of its own.
@Suite(.serialized)
struct TopLevelDiagnosticsTests {
    /// The issue's repros, verbatim.
    static let cells = [
        "let a = 1\nlet b = \"two\"\nlet c: Int = b",
        "let u: Int = \"a\"",
        "let x = (1 +\nprint(\"after\")",
        "Thread.sleep(forTimeInterval: 0.01)",
    ]

    @Test(arguments: cells)
    func diagnosticsMatchSwiftcAtTopLevel(_ cell: String) throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let expected = try Self.swiftcDiagnostics(cell)
        let (outcome, output) = fixture.run(cell)
        let shown = Self.shownDiagnostics(outcome.errorText + "\n" + output.text(.stderr))
        #expect(shown == expected, "engine: \(outcome.errorText)\n\(output.text(.stderr))")
        #expect(!(outcome.errorText + output.text(.stderr)).contains("failed to produce diagnostic"))
    }

    @Test func timeitAndSleepingCellsWarnAboutNothing() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (timed, timedOutput) = fixture.run("%timeit 1 + 1")
        #expect(timed.succeeded, "\(timed)")
        #expect(!timedOutput.text(.stderr).contains("warning"), "\(timedOutput.text(.stderr))")
        let (slept, sleptOutput) = fixture.run("Thread.sleep(forTimeInterval: 0.01)\nprint(\"woke\")")
        #expect(slept.succeeded && sleptOutput.text(.stdout).contains("woke"))
        #expect(sleptOutput.text(.stderr).isEmpty, "\(sleptOutput.text(.stderr))")
    }

    @Test func callingALostValueSaysItWasLost() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("let double: (Int) -> Int = { $0 * 2 }\nlet names = [\"a\"]").0.succeeded)
        #expect(fixture.run("fatalError(\"x\")").0.errorName == "WorkerCrashed")
        for use in ["double(4)", "names.count", "double"] {
            let (outcome, _) = fixture.run(use)
            #expect(outcome.errorName == "CompilationError", "\(use): \(outcome)")
            #expect(outcome.errorText.contains("is unavailable: its value was lost when the worker restarted; run %rerun"),
                    "\(use): \(outcome.errorText)")
            #expect(!outcome.errorText.contains("Never"), "\(use): \(outcome.errorText)")
        }
        #expect(fixture.run("%rerun").0.succeeded)
        #expect(fixture.run("double(21)").0.plainResult == "42")
    }

    /// `line:column: severity: message` of each error and warning as the engine renders it.
    static func shownDiagnostics(_ text: String) -> [String] {
        let lines = text.split(separator: "\n").map(String.init)
        var shown: [String] = []
        for (index, line) in lines.enumerated() where index + 1 < lines.count {
            guard let severity = ["error", "warning"].first(where: { line.hasPrefix("\($0): ") }),
                  let place = lines[index + 1].range(of: #"line (\d+), column (\d+)"#, options: .regularExpression) else { continue }
            let numbers = lines[index + 1][place].split(whereSeparator: { !$0.isNumber })
            shown.append("\(numbers[0]):\(numbers[1]): \(severity): \(line.dropFirst(severity.count + 2))")
        }
        return shown
    }

    /// What `swiftc -typecheck` says about `code` as a `main.swift` (Foundation imported on a line before).
    static func swiftcDiagnostics(_ code: String) throws -> [String] {
        let (_, output, path) = try SwiftcReference.typeCheck("import Foundation\n" + code + "\n", fileName: "main.swift",
                                                           arguments: ["-swift-version", "5", "-diagnostic-style", "llvm"])
        return Diagnostic.parse(compilerOutput: output, file: path)
            .filter { $0.severity != .note }
            .map { "\($0.line - 1):\($0.column): \($0.severity.rawValue): \($0.message)" }
    }
}
