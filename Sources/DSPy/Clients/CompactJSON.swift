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

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
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
