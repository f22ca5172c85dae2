/// Why a dataset could not be read, naming the file, the row (1-based, as an editor shows lines) and the field.
public struct DatasetError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unreadable(String)
        case malformed(String)
        case notAnObject
        case missingField(String)
        case wrongColumnCount(expected: Int, found: Int)
        case sampleTooLarge(requested: Int, available: Int)
        case badSplit(String)
        case download(String)
    }

    /// The file or source (URL, dataset name) the data came from; empty for in-memory data.
    public var source: String
    /// The 1-based row (line for JSONL and CSV, element for JSON arrays), when one is at fault.
    public var row: Int?
    public var reason: Reason

    public init(source: String, row: Int? = nil, reason: Reason) {
        self.source = source
        self.row = row
        self.reason = reason
    }

    public var description: String {
        let place = [source.isEmpty ? nil : source, row.map { "row \($0)" }].compactMap { $0 }.joined(separator: ", ")
        let prefix = place.isEmpty ? "" : place + ": "
        switch reason {
        case .unreadable(let why): return prefix + "cannot read: \(why)"
        case .malformed(let why): return prefix + "malformed: \(why)"
        case .notAnObject: return prefix + "expected a JSON object with one field per column"
        case .missingField(let field): return prefix + "missing field '\(field)'"
        case .wrongColumnCount(let expected, let found): return prefix + "expected \(expected) columns, found \(found)"
        case .sampleTooLarge(let requested, let available):
            return prefix + "cannot sample \(requested) rows from \(available)"
        case .badSplit(let why): return prefix + why
        case .download(let why): return prefix + "download failed: \(why)"
        }
    }
}
