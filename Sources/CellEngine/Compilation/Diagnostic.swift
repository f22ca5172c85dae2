import Foundation

/// A compiler message about the user's cell.
public struct Diagnostic: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable { case error, warning, note, remark }

    public var severity: Severity
    /// 1-based line and column in the cell.
    public var line: Int
    public var column: Int
    public var message: String

    /// Parses swiftc's `file:line:column: severity: message` lines, keeping those about `file`.
    static func parse(compilerOutput: String, file: String) -> [Diagnostic] {
        compilerOutput.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            guard line.hasPrefix(file + ":") else { return nil }
            let rest = line.dropFirst(file.count + 1)
            let parts = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let lineNumber = Int(parts[0]), let column = Int(parts[1]),
                  let severity = Severity(rawValue: parts[2].trimmingCharacters(in: .whitespaces)) else { return nil }
            return Diagnostic(severity: severity, line: lineNumber, column: column,
                              message: parts[3].trimmingCharacters(in: .whitespaces))
        }
    }

    /// `compilerOutput` with the diagnostics located in `file` at or after `firstLine` moved to `target`,
    /// counting lines from there.
    static func relocating(_ compilerOutput: String, from file: String, firstLine: Int, to target: String) -> String {
        compilerOutput.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix(file + ":") else { return String(line) }
            let rest = line.dropFirst(file.count + 1)
            guard let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]), number >= firstLine else {
                return String(line)
            }
            return "\(target):\(number - firstLine + 1)\(rest[colon...])"
        }.joined(separator: "\n")
    }

    /// The message as shown to the user: the message, the cell line, a caret under the column.
    func rendered(source: String, cellLabel: String) -> [String] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var out = ["\(severity.rawValue): \(message)", " --> \(cellLabel), line \(line), column \(column)"]
        if line >= 1, line <= lines.count {
            let number = String(line)
            let gutter = String(repeating: " ", count: number.count)
            out.append("\(number) | \(lines[line - 1])")
            out.append("\(gutter) | \(String(repeating: " ", count: max(0, column - 1)))^")
        }
        return out
    }
}
