/// A run of cells with what each must produce, driven through one fresh session.
struct CellSequence: Sendable, CustomStringConvertible {
    enum Expectation: Sendable {
        /// Succeeds with this `text/plain` result.
        case result(String)
        /// Succeeds with a result containing this text.
        case resultContaining(String)
        /// Succeeds; its stdout contains this text.
        case stdout(String)
        /// Succeeds with no result.
        case noResult
        /// Fails with this error name.
        case error(String)
        /// Fails; the error's name, value or traceback contains this text.
        case errorContaining(String)
    }

    struct Step: Sendable {
        var code: String
        var expectation: Expectation
    }

    var name: String
    var steps: [Step]

    var description: String { name }

    init(_ name: String, _ steps: [(String, Expectation)]) {
        self.name = name
        self.steps = steps.map { Step(code: $0.0, expectation: $0.1) }
    }
}
