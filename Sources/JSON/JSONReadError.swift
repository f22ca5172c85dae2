/// JSON text that could not be read: where, and why.
public struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte offset of the problem in the text.
    public let offset: Int
    /// What was wrong, e.g. `"expected , or }"`.
    public let problem: String

    public init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "not JSON at byte \(offset): \(problem)" }
}
