/// Parses JSON text the way Python's `json.loads` reads it: a number with a fraction or an exponent is a
/// double (`1.0` stays a float, where Foundation's decoder makes it an integer), other numbers are integers
/// (doubles when they overflow). Duplicate keys keep the last value, as in Python.
///
/// It works on the UTF-8 bytes directly: much faster than `JSONDecoder`, which matters for every LM response.
public struct JSONReader {
    /// Deeper nesting than this is refused instead of exhausting the stack.
    public static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    /// The members of the objects being read, innermost last: one buffer for the whole text instead of one per
    /// object, and each object's dictionary is built once at its full size.
    private var members: [(String, JSONValue)] = []

    /// The value of `text`.
    /// - Throws: `JSONReadError` naming the byte offset of the first problem.
    public static func parse(_ text: String) throws(JSONReadError) -> JSONValue {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(JSONReadError) in try parse(bytes) } }.get()
    }

    /// The value of UTF-8 `bytes`.
    /// - Throws: `JSONReadError` naming the byte offset of the first problem.
    public static func parse(_ bytes: [UInt8]) throws(JSONReadError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { bytes in Result { () throws(JSONReadError) in try parse(bytes) } }.get()
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONReadError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.error("unexpected text after the value") }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func error(_ problem: String) -> JSONReadError { JSONReadError(offset: position, problem: problem) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ literal: StaticString) throws(JSONReadError) {
        let start = position
        for index in 0..<literal.utf8CodeUnitCount {
            guard current == literal.utf8Start[index] else {
                position = start
                throw error("expected \(literal)")
            }
            position += 1
        }
    }

    private mutating func value() throws(JSONReadError) -> JSONValue {
        switch current {
        case nil: throw error("unexpected end")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels deep") }
            depth += 1
            defer { depth -= 1 }
            return current == UInt8(ascii: "{") ? try object() : try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return try number()
        }
    }

    private mutating func object() throws(JSONReadError) -> JSONValue {
        position += 1
        let start = members.count
        defer { members.removeSubrange(start...) }
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object([:]) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            let member = try value()
            members.append((key, member))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(Dictionary(members[start...]) { _, last in last })
            case nil: throw error("unterminated object")
            default: throw error("expected , or }")
            }
        }
    }

    private mutating func array() throws(JSONReadError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(items)
            case nil: throw error("unterminated array")
            default: throw error("expected , or ]")
            }
        }
    }

    /// A string value; a run without escapes becomes a `String` in one step.
    private mutating func string() throws(JSONReadError) -> String {
        position += 1
        let start = position
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") { position += 1 }
        if current == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
        }
        var decoded = Array(bytes[start..<position])
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"): try unescape(into: &decoded)
            default: decoded.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func unescape(into decoded: inout [UInt8]) throws(JSONReadError) {
        guard let escape = current else { throw error("unterminated string") }
        position += 1
        switch escape {
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
        case UInt8(ascii: "u"): decoded.append(contentsOf: String(try unicodeEscape()).utf8)
        default:
            position -= 1
            throw error("bad escape \\\(Unicode.Scalar(escape))")
        }
    }

    private mutating func hexQuad() throws(JSONReadError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigit(byte) else { throw error("bad \\u escape") }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func unicodeEscape() throws(JSONReadError) -> Unicode.Scalar {
        let high = try hexQuad()
        let rest = UnsafeBufferPointer(rebasing: bytes[position...])
        if (0xD800..<0xDC00).contains(high), rest.starts(with: "\\u".utf8) {
            position += 2
            let low = try hexQuad()
            if (0xDC00..<0xE000).contains(low), let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
                return scalar
            }
            throw error("bad surrogate pair")
        }
        // A lone surrogate has no scalar; Python keeps it, Swift strings cannot, so it becomes U+FFFD.
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    /// A number: digits with an optional sign, fraction and exponent.
    private mutating func number() throws(JSONReadError) -> JSONValue {
        let start = position
        var isInteger = true
        while let byte = current {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): break
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): isInteger = false
            default: return try numberValue(from: start, isInteger: isInteger)
            }
            position += 1
        }
        return try numberValue(from: start, isInteger: isInteger)
    }

    private mutating func numberValue(from start: Int, isInteger: Bool) throws(JSONReadError) -> JSONValue {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let number = Int(text) { return .int(number) }
        guard !text.isEmpty, let number = Double(text) else {
            position = start
            throw error(text.isEmpty ? "expected a value" : "bad number \(text)")
        }
        return .double(number)
    }
}
