/// A literate script that cannot be read, or a notebook that cannot be written as one, naming the line or cell.
public struct LiterateScriptError: Error, Equatable, CustomStringConvertible {
    /// Where: `line 12` of a script, or `cell 4` of a notebook (both 1-based).
    public var location: String
    /// What was wrong there.
    public var problem: String
    /// The file, when known.
    public var file: String?

    public init(location: String, problem: String, file: String? = nil) {
        self.location = location
        self.problem = problem
        self.file = file
    }

    static func line(_ number: Int, _ problem: String) -> LiterateScriptError {
        LiterateScriptError(location: "line \(number)", problem: problem)
    }

    public var description: String {
        (file.map { "\($0): " } ?? "") + "\(location): \(problem)"
    }
}
