import Foundation
import JSON

/// JSON text written the way Python's `orjson.dumps(value, option=OPT_SORT_KEYS)` writes it: no spaces, keys
/// sorted by their UTF-8 bytes, non-ASCII characters unescaped, floats in orjson's shortest form.
///
/// DSPy hashes exactly this text for its cache keys, so matching it byte for byte makes our keys DSPy's keys.
/// It also serves as the fast encoder for request bodies, where a JSON schema's `properties` keep the order its
/// `required` lists (`schemaPropertyOrder`): the only order `JSONValue` objects cannot keep and a model reads.
enum CompactJSON {
    static func bytes(_ value: JSONValue, schemaPropertyOrder: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out, schemaPropertyOrder: schemaPropertyOrder)
        return out
    }

    static func text(_ value: JSONValue) -> String { String(decoding: bytes(value), as: UTF8.self) }

    private static func write(
        _ value: JSONValue, into out: inout [UInt8], schemaPropertyOrder: Bool = false, keyOrder: [String]? = nil
    ) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: format(number).utf8)
        case .string(let string): writeString(string, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out, schemaPropertyOrder: schemaPropertyOrder)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = keyOrder ?? members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                let childOrder = schemaPropertyOrder && key == "properties" ? requiredOrder(members) : nil
                write(members[key]!, into: &out, schemaPropertyOrder: schemaPropertyOrder, keyOrder: childOrder)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The names in a schema's `required`, when they are exactly its `properties`' names.
    private static func requiredOrder(_ schema: [String: JSONValue]) -> [String]? {
        guard let names = schema["required"]?.arrayValue?.compactMap(\.stringValue),
              let properties = schema["properties"]?.objectValue,
              names.count == properties.count, Set(names) == Set(properties.keys)
        else { return nil }
        return names
    }

    /// Copies runs of bytes that need no escape in one go: request bodies are mostly long prompt text.
    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var run = 0, index = 0
            while index < bytes.count {
                if index + 8 <= bytes.count,
                    !hasByteToEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                    writeEscape(byte, into: &out)
                    run = index + 1
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether one of the eight bytes in `word` is below 0x20, a quote or a backslash (SWAR: a whole word per
    /// test, since prompts are long runs that need none).
    private static func hasByteToEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        func hasByteBelow(_ limit: UInt64, _ word: UInt64) -> Bool { (word &- ones &* limit) & ~word & highBits != 0 }
        return hasByteBelow(0x20, word) || hasByteBelow(1, word ^ (ones &* 0x22)) || hasByteBelow(1, word ^ (ones &* 0x5C))
    }

    private static func writeEscape(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }

    /// Swift's shortest round-trip digits, adjusted to orjson's layout: `2.5e-7` (no zero-padded exponent)
    /// and plain decimals down to 1e-5 (`0.00001`, where Swift writes `1e-05`).
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        var text = number.description
        guard let e = text.firstIndex(of: "e") else { return text }
        var exponent = String(text[text.index(after: e)...])
        let mantissa = String(text[..<e])
        if exponent == "-05" {
            let negative = mantissa.hasPrefix("-")
            let digits = mantissa.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
            let trimmed = digits.hasSuffix("0") && digits.count > 1 ? String(digits.dropLast()) : digits
            return (negative ? "-" : "") + "0.0000" + trimmed
        }
        if exponent.hasPrefix("-0") { exponent = "-" + exponent.dropFirst(2) }
        text = mantissa + "e" + exponent
        return text
    }
}
