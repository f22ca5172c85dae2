/// Splits SQL text into tokens the way SQLite reads it, tolerant of the MySQL and PostgreSQL spellings found in
/// text-to-SQL datasets (backticks, `::` casts). Unterminated quotes and comments run to the end of the text
/// rather than failing: the lexer only prepares rewrites, SQLite itself reports syntax errors.
public enum SQLLexer {
    /// The tokens of `sql`; joining their texts gives back `sql` exactly.
    public static func tokenize(_ sql: String) -> [SQLToken] {
        let scalars = Array(sql.unicodeScalars)
        var tokens: [SQLToken] = []
        var index = 0
        func text(_ start: Int, _ end: Int) -> String {
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[start..<end])
            return String(result)
        }
        func scan(until closing: Unicode.Scalar, from start: Int, doubledEscapes: Bool) -> Int {
            var position = start
            while position < scalars.count {
                if scalars[position] == closing {
                    if doubledEscapes, position + 1 < scalars.count, scalars[position + 1] == closing {
                        position += 2
                        continue
                    }
                    return position + 1
                }
                position += 1
            }
            return scalars.count
        }
        while index < scalars.count {
            let start = index
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            let kind: SQLToken.Kind
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}", "\u{0B}":
                while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
                kind = .whitespace
            case "-" where next == "-":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                kind = .comment
            case "/" where next == "*":
                index += 2
                while index < scalars.count, !(scalars[index] == "*" && index + 1 < scalars.count && scalars[index + 1] == "/") {
                    index += 1
                }
                index = min(index + 2, scalars.count)
                kind = .comment
            case "'":
                index = scan(until: "'", from: index + 1, doubledEscapes: true)
                kind = .string
            case "\"", "`":
                index = scan(until: scalar, from: index + 1, doubledEscapes: true)
                kind = .quotedIdentifier
            case "[":
                index = scan(until: "]", from: index + 1, doubledEscapes: false)
                kind = .quotedIdentifier
            case "0"..."9", "." where next.map(isDigit) ?? false:
                index = scanNumber(scalars, from: index)
                kind = .number
            case "?":
                index += 1
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
                kind = .parameter
            case ":" where next == ":":
                index += 2
                kind = .symbol
            case ":" where next.map(isWordCharacter) ?? false,
                 "@" where next.map(isWordCharacter) ?? false,
                 "$" where next.map(isWordCharacter) ?? false:
                index += 1
                while index < scalars.count, isWordCharacter(scalars[index]) { index += 1 }
                kind = index - start > 1 ? .parameter : .symbol
            default:
                if isWordStart(scalar) {
                    while index < scalars.count, isWordCharacter(scalars[index]) { index += 1 }
                    kind = .word
                } else {
                    index += symbolLength(scalars, at: index)
                    kind = .symbol
                }
            }
            tokens.append(SQLToken(kind, text(start, index)))
        }
        return tokens
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.value > 0x7F
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isWordStart(scalar) || isDigit(scalar) || scalar == "$"
    }

    private static func scanNumber(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        if scalars[index] == "0", index + 1 < scalars.count, scalars[index + 1] == "x" || scalars[index + 1] == "X" {
            index += 2
            while index < scalars.count, scalars[index].properties.isASCIIHexDigit { index += 1 }
            return index
        }
        while index < scalars.count, isDigit(scalars[index]) || scalars[index] == "." { index += 1 }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            var exponent = index + 1
            if exponent < scalars.count, scalars[exponent] == "+" || scalars[exponent] == "-" { exponent += 1 }
            if exponent < scalars.count, isDigit(scalars[exponent]) {
                index = exponent
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            }
        }
        return index
    }

    private static let twoCharacterSymbols: Set<String> = ["<=", ">=", "<>", "!=", "==", "||", "<<", ">>", "->"]

    private static func symbolLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int {
        guard index + 1 < scalars.count else { return 1 }
        let pair = String(String.UnicodeScalarView([scalars[index], scalars[index + 1]]))
        if pair == "->", index + 2 < scalars.count, scalars[index + 2] == ">" { return 3 }
        return twoCharacterSymbols.contains(pair) ? 2 : 1
    }
}
