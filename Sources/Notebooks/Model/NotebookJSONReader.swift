import JSON

/// Parses JSON text keeping Python's distinction between `1` and `1.0`: a number with a fraction or an exponent
/// is a double, as `json.loads` makes it a float. Foundation's decoder turns `1.0` into an integer, which
/// would write back differently than nbformat does.
struct NotebookJSONReader {
    private let bytes: [UInt8]
    private var position = 0

    /// The value of `text`.
    /// - Throws: `NotebookFormatError` naming the byte offset of the first problem.
    static func parse(_ text: String) throws -> JSONValue {
        var reader = NotebookJSONReader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw reader.error("unexpected text after the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ problem: String) -> NotebookFormatError {
        NotebookFormatError(field: "(document)", problem: "not JSON at byte \(position): \(problem)")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func expect(_ literal: String) throws {
        for byte in literal.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw error("expected \(literal)") }
            position += 1
        }
    }

    private mutating func value() throws -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return try number()
        }
    }

    private mutating func object() throws -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            members[key] = try value()
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated object") }
            position += 1
            if bytes[position - 1] == UInt8(ascii: "}") { return .object(members) }
            guard bytes[position - 1] == UInt8(ascii: ",") else { position -= 1; throw error("expected , or }") }
        }
    }

    private mutating func array() throws -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated array") }
            position += 1
            if bytes[position - 1] == UInt8(ascii: "]") { return .array(items) }
            guard bytes[position - 1] == UInt8(ascii: ",") else { position -= 1; throw error("expected , or ]") }
        }
    }

    private mutating func string() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run = position
        func flush() { scalars.append(contentsOf: String(decoding: bytes[run..<position], as: UTF8.self).unicodeScalars) }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                flush()
                position += 1
                return String(scalars)
            }
            guard byte == UInt8(ascii: "\\") else { position += 1; continue }
            flush()
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escape))
            default: throw error("bad escape")
            }
            run = position
        }
        throw error("unterminated string")
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error("bad \\u escape") }
        position += 4
        return value
    }

    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let high = try hexQuad()
        if (0xD800..<0xDC00).contains(high), bytes[position...].starts(with: Array("\\u".utf8)) {
            position += 2
            let low = try hexQuad()
            if let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), (0xDC00..<0xE000).contains(low) {
                return scalar
            }
            throw error("bad surrogate pair")
        }
        // A lone surrogate has no scalar; Python keeps it, Swift strings cannot, so it becomes U+FFFD.
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    private mutating func number() throws -> JSONValue {
        let start = position
        var isInteger = true
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) {
            if "eE.".utf8.contains(bytes[position]) { isInteger = false }
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let number = Int(text) { return .int(number) }
        guard let number = Double(text) else { position = start; throw error("expected a value") }
        return .double(number)
    }
}
