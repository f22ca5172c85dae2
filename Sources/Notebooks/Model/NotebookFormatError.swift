/// A notebook file that is not valid nbformat 4 JSON, naming the field at fault.
public struct NotebookFormatError: Error, Equatable, CustomStringConvertible {
    /// The JSON path of the offending field, e.g. `cells[3].cell_type`.
    public var field: String
    /// What was wrong with it.
    public var problem: String
    /// The file it came from, when read from one.
    public var file: String?

    public init(field: String, problem: String, file: String? = nil) {
        self.field = field
        self.problem = problem
        self.file = file
    }

    public var description: String {
        (file.map { "\($0): " } ?? "") + "invalid notebook: \(field): \(problem)"
    }
}
