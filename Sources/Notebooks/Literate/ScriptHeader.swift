import Foundation
import JSON

/// The commented YAML header of a literate script (`// ---`, `// jupyter:`, nested maps, `// ---`).
///
/// Only the YAML jupytext writes there is read: nested maps whose leaves are scalars (plain, 'single-' or
/// "double-quoted" strings, integers, booleans). Anything else is an error naming the line.
enum ScriptHeader {
    /// The header block for the given notebook metadata, ending with its closing `// ---` line.
    static func render(_ metadata: [String: JSONValue]) -> String {
        var lines = ["// ---", "// jupyter:"]
        appendMap(metadata, indent: 1, to: &lines)
        lines.append("// ---")
        return lines.map { $0 + "\n" }.joined()
    }

    private static func appendMap(_ map: [String: JSONValue], indent: Int, to lines: inout [String]) {
        let pad = String(repeating: "  ", count: indent)
        for key in map.keys.sorted() {
            switch map[key]! {
            case .object(let members):
                lines.append("// \(pad)\(key):")
                appendMap(members, indent: indent + 1, to: &lines)
            case let scalar:
                lines.append("// \(pad)\(key): \(renderScalar(scalar))")
            }
        }
    }

    private static func renderScalar(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            let plain = text.range(of: #"^[A-Za-z_][A-Za-z0-9 ()._/+-]*$"#, options: .regularExpression) != nil
                && !["true", "false", "null", "yes", "no", "on", "off"].contains(text.lowercased())
                && text.last != " "
            return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return "\(number)"
        case .null: return "null"
        case .array, .object: return NotebookJSONWriter.inline(value)
        }
    }

    /// The metadata under `jupyter:` in the header lines (without the `// ---` fences).
    /// - Parameter firstLine: the 1-based line number of `lines.first`, for errors.
    static func parse(_ lines: ArraySlice<Substring>, firstLine: Int) throws -> [String: JSONValue] {
        var entries: [(indent: Int, key: String, value: Substring?, line: Int)] = []
        for (offset, raw) in lines.enumerated() {
            let number = firstLine + offset
            guard raw.hasPrefix("//") else { throw LiterateScriptError.line(number, "a header line must be a // comment") }
            let body = raw.dropFirst(2).hasPrefix(" ") ? raw.dropFirst(3) : raw.dropFirst(2)
            if body.allSatisfy(\.isWhitespace) { continue }
            let indent = body.prefix(while: { $0 == " " }).count
            let content = body.dropFirst(indent)
            guard let colon = content.firstIndex(of: ":"), !content.hasPrefix("-") else {
                throw LiterateScriptError.line(number, "expected \"key: value\" in the header (lists are not supported)")
            }
            let value = content[content.index(after: colon)...].drop(while: { $0 == " " })
            entries.append((indent, String(content[..<colon]), value.isEmpty ? nil : value, number))
        }
        var position = 0
        let root = try parseMap(entries, position: &position, indent: 0)
        guard let jupyter = root["jupyter"]?.objectValue else {
            throw LiterateScriptError.line(firstLine, "the header has no \"jupyter:\" map")
        }
        return jupyter
    }

    private static func parseMap(_ entries: [(indent: Int, key: String, value: Substring?, line: Int)],
                                 position: inout Int, indent: Int) throws -> [String: JSONValue] {
        var map: [String: JSONValue] = [:]
        while position < entries.count, entries[position].indent >= indent {
            let entry = entries[position]
            guard entry.indent == indent else { throw LiterateScriptError.line(entry.line, "unexpected indentation") }
            position += 1
            if let value = entry.value {
                map[entry.key] = try parseScalar(value, line: entry.line)
            } else if position < entries.count, entries[position].indent > indent {
                map[entry.key] = .object(try parseMap(entries, position: &position, indent: entries[position].indent))
            } else {
                map[entry.key] = .null
            }
        }
        return map
    }

    private static func parseScalar(_ text: Substring, line: Int) throws -> JSONValue {
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw LiterateScriptError.line(line, "unterminated 'string'") }
            return .string(text.dropFirst().dropLast().replacingOccurrences(of: "''", with: "'"))
        }
        if text.hasPrefix("\"") || text.hasPrefix("[") || text.hasPrefix("{") {
            guard let value = try? JSONReader.parse(String(text)) else {
                throw LiterateScriptError.line(line, "cannot read the value \(text)")
            }
            return value
        }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~": return .null
        default: return Int(text).map(JSONValue.int) ?? .string(String(text))
        }
    }
}
