import DSPyTesting

extension ReferencePython {
    /// Runs the script `Tests/DSPyOptimizerTests/Fixtures/<name>` and returns its stdout.
    static func runFixture(_ name: String, arguments: [String]) throws -> String {
        try runScript("Tests/DSPyOptimizerTests/Fixtures/\(name)", arguments: arguments)
    }
}
