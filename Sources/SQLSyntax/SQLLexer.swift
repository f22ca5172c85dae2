/// Splits SQL text into tokens the way SQLite reads it, tolerant of the MySQL and PostgreSQL spellings found in
/// text-to-SQL datasets (backticks, `::` casts). Unterminated quotes and comments run to the end of the text
/// rather than failing: the lexer only prepares rewrites, SQLite itself reports syntax errors.
///
/// It reads UTF-8 bytes: SQL's syntax is ASCII, and every non-ASCII byte counts as part of a word, as in SQLite.
public enum SQLLexer {
    /// The tokens of `sql`; joining their texts gives back `sql` exactly.
    public static func tokenize(_ sql: String) -> [SQLToken] {
        let bytes = Array(sql.utf8)
        var tokens: [SQLToken] = []
        tokens.reserveCapacity(bytes.count / 3)
        scan(bytes) { kind, range in tokens.append(SQLToken(kind, String(decoding: bytes[range], as: UTF8.self))) }
        return tokens
    }

    /// Calls `visit` with the kind and byte range of each token of `bytes`, in order, building no strings (for
    /// callers that only look at a few words).
    package static func scan(_ bytes: [UInt8], _ visit: (SQLToken.Kind, Range<Int>) -> Void) {
        var index = 0
        func byte(_ position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }
        func scan(until closing: UInt8, from start: Int, doubledEscapes: Bool) -> Int {
            var position = start
            while position < bytes.count {
                if bytes[position] == closing {
                    if doubledEscapes, byte(position + 1) == closing {
                        position += 2
                        continue
                    }
                    return position + 1
                }
                position += 1
            }
            return bytes.count
        }
        while index < bytes.count {
            let start = index
            let current = bytes[index]
            let next = byte(index + 1)
            let kind: SQLToken.Kind
            switch current {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                kind = .whitespace
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                kind = .comment
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                index += 2
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && byte(index + 1) == UInt8(ascii: "/")) { index += 1 }
                index = min(index + 2, bytes.count)
                kind = .comment
            case UInt8(ascii: "'"):
                index = scan(until: current, from: index + 1, doubledEscapes: true)
                kind = .string
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                index = scan(until: current, from: index + 1, doubledEscapes: true)
                kind = .quotedIdentifier
            case UInt8(ascii: "["):
                index = scan(until: UInt8(ascii: "]"), from: index + 1, doubledEscapes: false)
                kind = .quotedIdentifier
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                index = scanNumber(bytes, from: index)
                kind = .number
            case UInt8(ascii: ".") where next.map(isDigit) ?? false:
                index = scanNumber(bytes, from: index)
                kind = .number
            case UInt8(ascii: "?"):
                index += 1
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                kind = .parameter
            case UInt8(ascii: ":") where next == UInt8(ascii: ":"):
                index += 2
                kind = .symbol
            case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "$"):
                index += 1
                while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
                kind = index - start > 1 ? .parameter : .symbol
            default:
                if isWordStart(current) {
                    while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
                    kind = .word
                } else {
                    index += symbolLength(bytes, at: index)
                    kind = .symbol
                }
            }
            visit(kind, start..<index)
        }
    }

    /// True when `bytes[range]` is the word `upperCaseWord` (given in upper case), in any case.
    package static func isWord(_ bytes: [UInt8], _ range: Range<Int>, _ upperCaseWord: StaticString) -> Bool {
        guard range.count == upperCaseWord.utf8CodeUnitCount else { return false }
        return upperCaseWord.withUTF8Buffer { word in
            zip(bytes[range], word).allSatisfy { byte, letter in (0x61...0x7A).contains(byte) ? byte - 0x20 == letter : byte == letter }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte >= 0x80
    }

    private static func isWordByte(_ byte: UInt8) -> Bool { isWordStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$") }

    private static func scanNumber(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            index += 2
            while index < bytes.count, isDigit(bytes[index]) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(bytes[index] | 0x20) {
                index += 1
            }
            return index
        }
        while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var exponent = index + 1
            if exponent < bytes.count, bytes[exponent] == UInt8(ascii: "+") || bytes[exponent] == UInt8(ascii: "-") { exponent += 1 }
            if exponent < bytes.count, isDigit(bytes[exponent]) {
                index = exponent
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
        }
        return index
    }

    private static let twoByteSymbols: Set<[UInt8]> = ["<=", ">=", "<>", "!=", "==", "||", "<<", ">>", "->"].map { Array($0.utf8) }.reduce(into: []) { $0.insert($1) }

    private static func symbolLength(_ bytes: [UInt8], at index: Int) -> Int {
        guard index + 1 < bytes.count else { return 1 }
        if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: ">"), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: ">") {
            return 3
        }
        return twoByteSymbols.contains([bytes[index], bytes[index + 1]]) ? 2 : 1
    }
}
