import Foundation
import JSON

/// Reads JSON Lines: one JSON value per non-empty line.
public enum JSONLines {
    /// A line that is not valid JSON, or a file that cannot be read.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        /// The file (or a name for in-memory text).
        public var file: String
        /// The 1-based line, or nil when the file itself could not be read.
        public var line: Int?
        /// What went wrong.
        public var reason: String

        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)" }
    }

    /// The values of the file at `path`, in order.
    /// - Throws: `ReadError` naming the file and line.
    public static func read(path: String) throws(ReadError) -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(file: path, line: nil, reason: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// The values of JSON Lines `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ReadError) -> [JSONValue] {
        var values: [JSONValue] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                values.append(try JSONValue(parsing: Data(line.utf8)))
            } catch {
                throw ReadError(file: file, line: index + 1, reason: "not valid JSON (\(error))")
            }
        }
        return values
    }
}
