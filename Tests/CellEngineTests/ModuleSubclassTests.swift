import CellEngine
import Foundation
import Testing

/// A user's `Module` subclass written as the notebooks write it (`final class TextToSqlProgram: Module`, no
/// `Sendable` restated) compiles without a warning, both as a cell does (Swift 5 mode) and as package code does
/// (Swift 6 language mode, complete concurrency checking), against the DSPy module this build made.
@Suite struct ModuleSubclassTests {
    /// The notebook's own cells declaring `TextToSql` and `TextToSqlProgram`, then a subclass with stored state and
    /// initializers, used the ways the notebooks use modules.
    static let source = "import DSPy\n\n" + notebookDeclaration("let TextToSql = ") + "\n"
        + notebookDeclaration("final class TextToSqlProgram: Module") + "\n" + """
        class SchemaRAG: Module {
            let hops: Int
            var calls = 0
            let write = ChainOfThought(TextToSql)

            init(hops: Int) {
                self.hops = hops
                super.init()
            }

            required init() {
                hops = 1
                super.init()
            }

            override func forward(_ inputs: Example) throws -> Prediction {
                calls += 1
                return try write(sql_prompt: inputs.sql_prompt, sql_context: "CREATE TABLE t (x INT);")
            }
        }

        func score(_ devset: [Example]) throws -> Double {
            let metric = Metric { example, prediction, _ in example.sql == prediction.sql }
            let compiled = try LabeledFewShot(k: 2).compile(TextToSqlProgram(), trainset: devset)
            return try Evaluate(devset: devset, metric: metric, numThreads: 4)(compiled).score
                + Evaluate(devset: devset, metric: metric)(SchemaRAG(hops: 2)).score
        }
        """

    @Test(arguments: ["5", "6"]) func notebookStyleSubclassCompilesWithoutWarnings(swiftVersion: String) throws {
        let (status, text, _) = try SwiftcReference.typeCheck(Self.source, fileName: "Program.swift", arguments: [
            "-parse-as-library", "-swift-version", swiftVersion, "-strict-concurrency=complete",
        ])
        #expect(status == 0, "\(text)")
        #expect(!text.contains("warning:"), "\(text)")
    }
}

/// The declaration in `notebooks/Text2SQL.swift` (the notebook's literate script) whose first line starts with
/// `prefix`, through its closing brace.
private func notebookDeclaration(_ prefix: String) -> String {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks/Text2SQL.swift")
    guard let text = try? String(contentsOf: script, encoding: .utf8) else { fatalError("cannot read \(script.path)") }
    let lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix(prefix) }),
          let end = lines[start...].firstIndex(of: "}") else { fatalError("\(script.path) declares no `\(prefix)`") }
    return lines[start...end].joined(separator: "\n") + "\n"
}
