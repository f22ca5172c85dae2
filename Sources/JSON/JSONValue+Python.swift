/// Text forms of a value as Python shows them, so that DSPy prompts and printed fields match Python DSPy byte for
/// byte: `str()` (bare strings), `repr()` (quoted strings, `True`, `None`), and `json.dumps(..., ensure_ascii=False)`.
extension JSONValue: CustomStringConvertible {
    /// Python's `str()` of the value: a string prints bare, so `print(pred.sql)` shows just the SQL.
    public var description: String { pythonStr }

    /// Python's `str()`: strings bare; numbers, booleans (`True`), `None` and containers as `repr()`.
    public var pythonStr: String {
        if case .string(let value) = self { return value }
        return pythonRepr
    }

    /// Python's `repr()`: `'text'`, `True`, `None`, `[1, 'a']`, `{'k': 2}`.
    public var pythonRepr: String {
        switch self {
        case .null: return "None"
        case .bool(let value): return value ? "True" : "False"
        case .int(let value): return String(value)
        case .double(let value): return Self.pythonFloat(value, json: false)
        case .string(let value): return Self.pythonStringRepr(value)
        case .array(let values): return "[" + values.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .object(let members):
            let body = members.sorted { $0.key < $1.key }
                .map { Self.pythonStringRepr($0.key) + ": " + $0.value.pythonRepr }
            return "{" + body.joined(separator: ", ") + "}"
        }
    }

    /// `json.dumps(value, ensure_ascii=False)` (and with `indent`, `json.dumps(value, indent=n, ...)`).
    ///
    /// Object members are written in key order, since `JSONValue` objects keep no insertion order.
    public func pythonJSON(indent: Int? = nil) -> String {
        pythonJSON(indent: indent, order: nil)
    }

    /// `json.dumps` with object members in the order `order` gives (a model's declaration order, as pydantic
    /// dumps it); members it does not name follow in key order.
    public func pythonJSON(indent: Int? = nil, order: (any JSONMemberOrder)?) -> String {
        var output = ""
        writePythonJSON(into: &output, indent: indent, level: 0, order: order)
        return output
    }

    private func writePythonJSON(into output: inout String, indent: Int?, level: Int, order: (any JSONMemberOrder)?) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += Self.pythonFloat(value, json: true)
        case .string(let value): Self.writeJSONString(value, into: &output)
        case .array(let values):
            guard !values.isEmpty else { output += "[]"; return }
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += indent == nil ? ", " : "," }
                Self.newline(into: &output, indent: indent, level: level + 1)
                value.writePythonJSON(into: &output, indent: indent, level: level + 1, order: order?.elementOrder)
            }
            Self.newline(into: &output, indent: indent, level: level)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            let named = order?.memberNames.filter { members[$0] != nil } ?? []
            let keys = named + members.keys.filter { !named.contains($0) }.sorted()
            for (index, key) in keys.enumerated() {
                if index > 0 { output += indent == nil ? ", " : "," }
                Self.newline(into: &output, indent: indent, level: level + 1)
                Self.writeJSONString(key, into: &output)
                output += ": "
                members[key]!.writePythonJSON(into: &output, indent: indent, level: level + 1, order: order?.memberOrder(key))
            }
            Self.newline(into: &output, indent: indent, level: level)
            output += "}"
        }
    }

    private static func newline(into output: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        output += "\n" + String(repeating: " ", count: indent * level)
    }

    /// A JSON string literal as Python's `json.dumps(..., ensure_ascii=False)` writes it.
    public static func pythonJSONString(_ value: String) -> String {
        var output = ""
        writeJSONString(value, into: &output)
        return output
    }

    private static func writeJSONString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    output += "\\u" + hex4(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Python's `repr()` of a string: single quotes unless the text holds a single quote and no double quote.
    public static func pythonStringRepr(_ value: String) -> String {
        let quote: Character = value.contains("'") && !value.contains("\"") ? "\"" : "'"
        var output = String(quote)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if Character(scalar) == quote {
                    output += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\x" + String(String(scalar.value, radix: 16).suffix(2)).leftPadded(to: 2)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append(quote)
        return output
    }

    /// Python's `repr(float)`: the shortest round-tripping digits, `1e-05` and `1e+16` style exponents.
    static func pythonFloat(_ value: Double, json: Bool) -> String {
        if value.isNaN { return json ? "NaN" : "nan" }
        if value.isInfinite { return value < 0 ? (json ? "-Infinity" : "-inf") : (json ? "Infinity" : "inf") }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude >= 1e16 || magnitude < 1e-4) {
            // Swift writes "1e-05" and "1e+16" exactly as Python does for these ranges.
            return value.description
        }
        var text = value.description
        if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            // Swift switches to exponents earlier than Python (from 2^53); expand them back to positional form.
            text = Self.expandExponent(mantissa: String(text[..<exponent]), exponent: Int(text[text.index(after: exponent)...]) ?? 0)
        }
        return text
    }

    private static func expandExponent(mantissa: String, exponent: Int) -> String {
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? String(mantissa.dropFirst()) : mantissa
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        let pointPosition = parts[0].count + exponent
        if pointPosition >= digits.count {
            digits += String(repeating: "0", count: pointPosition - digits.count)
            return (negative ? "-" : "") + digits + ".0"
        }
        let index = digits.index(digits.startIndex, offsetBy: pointPosition)
        return (negative ? "-" : "") + digits[..<index] + "." + digits[index...]
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The order in which an object's members are written, and the orders inside its members and elements: what a
/// typed value (a pydantic model, a Swift `Codable` struct) knows and a `JSONValue` object does not keep.
public protocol JSONMemberOrder {
    /// The member names, first to last.
    var memberNames: [String] { get }
    /// The order inside the member `name`.
    func memberOrder(_ name: String) -> (any JSONMemberOrder)?
    /// The order inside each element of an array.
    var elementOrder: (any JSONMemberOrder)? { get }
}
