import Foundation
import KernelInterpreter
import Testing
@testable import CellEngine

/// Longer sessions, diagnostics as the user sees them, the compiled-cell cache, completion and inspection.
@Suite(.serialized)
struct SessionTests {
    @Test func stateAcrossTwentyFiveCells() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("var history: [Int] = []").0.succeeded)
        for index in 1...22 {
            let (outcome, _) = fixture.run("let v\(index) = \(index)\nhistory.append(v\(index))")
            #expect(outcome.succeeded, "cell \(index): \(outcome)")
        }
        #expect(fixture.run("history.count").0.plainResult == "22")
        #expect(fixture.run("v1 + v11 + v22").0.plainResult == "34")
        #expect(fixture.run("history.reduce(0, +)").0.plainResult == "253")
    }

    @Test func compileErrorsShowTheUserLineAndACaret() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, _) = fixture.run("let fine = 1\nlet alsoFine = 2\nlet broken = fine + missingName")
        guard case .error(let name, let value, let traceback) = outcome else {
            Issue.record("expected an error, got \(outcome)")
            return
        }
        #expect(name == "CompilationError")
        #expect(value.contains("line 3"))
        #expect(traceback.contains("3 | let broken = fine + missingName"))
        #expect(traceback.contains("  |                     ^"), "\(traceback)")
        // Generated code never appears in what the user sees.
        #expect(!traceback.joined().contains("__cell"))
        #expect(!traceback.joined().contains(".swift"))
    }

    @Test func oneErrorOutputPerFailedCellWithAllErrors() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, _) = fixture.run("let a = missingOne\nlet b = missingTwo")
        let text = outcome.errorText
        #expect(text.contains("missingOne") && text.contains("missingTwo"), "\(text)")
    }

    @Test func warningsAreShownAndTheCellRuns() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, output) = fixture.run("let value: Int = 1\nif value is Int { print(\"ran\") }")
        #expect(outcome.succeeded)
        #expect(output.text(.stdout).contains("ran"))
        #expect(output.text(.stderr).contains("warning:"), "\(output.events)")
    }

    @Test func aWarningQuotingAStringsFirstLineLeavesTheInferredTypesIntact() throws {
        // The warning quotes its line, which opens a multi-line string: read together with the printed AST, as it
        // once was, the quote made the rest a string, so `total` (a `try` initializer: its type is inferred from
        // the AST) became `Any` and the next cell could not add to it.
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, output) = fixture.run(#"""
            func plus41(_ x: Int) throws -> Int { x + 41 }
            let value: Int = 1
            if value is Int { print("""
                a
                """) }
            let total = try plus41(value)
            """#)
        #expect(outcome.succeeded)
        #expect(output.text(.stderr).contains("'is' test is always true"), "\(output.events)")
        let (next, nextOutput) = fixture.run("total + 1")
        #expect(next.plainResult == "43", "\(nextOutput.events)")
    }

    @Test func voidTrailingExpressionsPrintNoCompilerNotes() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        let (outcome, output) = fixture.run("let n = 2\nprint(\"n is\", n)")
        #expect(outcome.succeeded)
        #expect(output.text(.stdout).contains("n is 2"))
        #expect(output.text(.stderr).isEmpty, "\(output.events)")
    }

    @Test func cachedCellsSkipTheCompilerInANewSession() throws {
        let cacheRoot = FileManager.default.temporaryDirectory.appendingPathComponent("cell-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cacheRoot) }
        let cells = ["struct Item { var n: Int }", "let items = (1...3).map(Item.init)", "items.map(\\.n).reduce(0, +)"]
        var sessions: [URL] = []
        for _ in 0..<2 {
            let configuration = CellEngine.Configuration(
                toolchain: try Toolchain.discover(binDirectory: EngineFixture.binDirectory),
                temporaryDirectory: cacheRoot.appendingPathComponent("tmp"), cacheDirectory: cacheRoot.appendingPathComponent("cache"))
            let interpreter = try CellInterpreter(configuration: configuration)
            var results: [String?] = []
            for (index, cell) in cells.enumerated() {
                results.append(interpreter.execute(ExecutionRequest(code: cell, executionCount: index + 1), output: RecordingOutput()).plainResult)
            }
            #expect(results.last == "6")
            let sources = try FileManager.default.contentsOfDirectory(atPath: interpreter.engine.sessionDirectory.path)
                .filter { $0.hasPrefix("Cell") && $0.hasSuffix(".swift") }
            sessions.append(interpreter.engine.sessionDirectory)
            if sessions.count == 1 {
                #expect(!sources.isEmpty)
            } else {
                #expect(sources.isEmpty, "the second session compiled \(sources)")
            }
            interpreter.shutdown(restart: false)
        }
        // Shutdown removes each session folder.
        #expect(sessions.allSatisfy { !FileManager.default.fileExists(atPath: $0.path) })
    }

    @Test func completionOffersEarlierNamesAndInspectionShowsDocs() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("/// Scores a guess.\nfunc scoreGuess(_ guess: Int) -> Int { guess }\nlet scoreBoard = [1]").0.succeeded)
        let completion = fixture.interpreter.complete(code: "let s = sco", cursor: 11)
        #expect(completion.matches.contains("scoreGuess") && completion.matches.contains("scoreBoard"))
        #expect(completion.cursorStart == 8 && completion.cursorEnd == 11)
        let inspection = fixture.interpreter.inspect(code: "scoreGuess(1)", cursor: 3, detailLevel: 0)
        let text = inspection?["text/plain"]?.stringValue ?? ""
        #expect(text.contains("/// Scores a guess.") && text.contains("func scoreGuess(_ guess: Int) -> Int"), "\(text)")
        #expect(fixture.interpreter.inspect(code: "scoreBoard", cursor: 2, detailLevel: 0)?["text/plain"]?.stringValue?.contains("[Int]") == true)
    }

    @Test func completionKnowsTheStandardLibraryAndDSPyThroughSourceKitLSP() throws {
        let fixture = try EngineFixture()
        defer { fixture.close() }
        #expect(fixture.run("let numbers = [3, 1, 2]").0.succeeded)
        let members = fixture.interpreter.complete(code: "numbers.so", cursor: 10)
        #expect(members.matches.contains("sorted"), "\(members)")
        #expect(members.cursorStart == 8)
        let dspy = fixture.interpreter.complete(code: "let program = ChainOf", cursor: 21)
        #expect(dspy.matches.contains("ChainOfThought"), "\(dspy)")
        let hover = fixture.interpreter.inspect(code: "ChainOfThought", cursor: 3, detailLevel: 0)
        #expect(hover?["text/markdown"]?.stringValue?.contains("ChainOfThought") == true, "\(String(describing: hover))")
    }

    @Test func completenessFollowsOpenBrackets() throws {
        #expect(CompletenessCheck.check("let x = 1") == .complete)
        #expect(CompletenessCheck.check("func f() {") == .incomplete(indent: "    "))
        #expect(CompletenessCheck.check("let s = \"{\"") == .complete)
        #expect(CompletenessCheck.check("}") == .invalid)
    }
}

/// The kernel's way in: the default configuration finds the worker beside the running executable.
@Suite(.serialized)
struct DefaultConfigurationTests {
    @Test func defaultConfigurationRunsACell() throws {
        let interpreter = try CellInterpreter(configuration: .default)
        defer { interpreter.shutdown(restart: false) }
        let outcome = interpreter.execute(ExecutionRequest(code: "[1, 2, 3].map { $0 * 2 }", executionCount: 1), output: RecordingOutput())
        #expect(outcome.plainResult == "[2, 4, 6]")
        #expect(interpreter.languageInfo.name == "swift")
    }
}
