/// Refusals decided from a statement's text, for what SQLite's authorizer and budgets cannot stop.
///
/// - `VACUUM` compiles without consulting the authorizer, and `VACUUM INTO` writes a file.
/// - A few functions can spin inside one virtual-machine instruction, where neither the progress handler nor an
///   interrupt reaches them, for far longer than the time budget: `printf()`/`format()` with a huge width or
///   precision, and `trim()`/`ltrim()`/`rtrim()` with a long set of characters (each character of the text is
///   compared with every character of the set). So only a literal format with widths and precisions under 1000,
///   and a literal character set of at most `maxTrimCharacters` bytes, are allowed.
enum StatementGuard {
    private static let formattingFunctions: Set<String> = ["PRINTF", "FORMAT"]
    private static let trimmingFunctions: Set<String> = ["TRIM", "LTRIM", "RTRIM"]
    /// The longest character set a two-argument `trim()` may name, in bytes.
    static let maxTrimCharacters = 100

    /// The words `mayConcern` looks for, and whether they count only when called (followed by `(`).
    private static let concerningWords: [(word: [UInt8], called: Bool)] = [
        (Array("vacuum".utf8), false), (Array("printf".utf8), true), (Array("format".utf8), true),
        (Array("trim".utf8), true), (Array("ltrim".utf8), true), (Array("rtrim".utf8), true),
    ]

    /// False when the text cannot hold anything `check` refuses: neither the word `vacuum` nor one of the guarded
    /// functions followed by `(` (any case, even inside strings), so that a caller may skip lexing it.
    static func mayConcern(_ text: ArraySlice<UInt8>) -> Bool {
        text.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                guard isWordByte(bytes[index]) else {
                    index += 1
                    continue
                }
                let start = index
                repeat { index += 1 } while index < bytes.count && isWordByte(bytes[index])
                guard (4...6).contains(index - start), isConcerning(bytes[start..<index]) else { continue }
                return true
            }
            return false
        }
    }

    private static func isConcerning(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        for (needle, called) in concerningWords where needle.count == word.count && zip(word, needle).allSatisfy({ $0 | 0x20 == $1 }) {
            if !called { return true }
            var after = word.endIndex
            let text = word.base
            while after < text.count, text[after] == 0x20 || (0x09...0x0D).contains(text[after]) { after += 1 }
            if after < text.count, text[after] == UInt8(ascii: "(") { return true }
        }
        return false
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || byte >= 0x80 || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20)
    }

    static func check(_ tokens: [SQLToken]) throws(SandboxError) {
        if let first = tokens.first(where: { !$0.isTrivia }), first.isKeyword("VACUUM") {
            throw .denied(reason: "VACUUM (VACUUM INTO writes a database file)")
        }
        for index in tokens.indices {
            guard let word = tokens[index].keyword, formattingFunctions.contains(word) || trimmingFunctions.contains(word),
                  let open = DialectTranslator.nextSignificant(tokens, after: index), tokens[open].isSymbol("(") else { continue }
            if trimmingFunctions.contains(word) {
                try checkTrim(tokens, name: word.lowercased(), open: open)
                continue
            }
            guard let format = DialectTranslator.nextSignificant(tokens, after: open), tokens[format].kind == .string else {
                throw .denied(reason: "\(word.lowercased())() with a computed format (only literal formats are allowed)")
            }
            if let problem = unsafeDirective(in: tokens[format].text) {
                throw .denied(reason: "\(word.lowercased())() format \(problem)")
            }
        }
    }

    /// A `trim()` call's second argument, when it has one, must be a string literal of at most
    /// `maxTrimCharacters` bytes.
    private static func checkTrim(_ tokens: [SQLToken], name: String, open: Int) throws(SandboxError) {
        guard let close = DialectTranslator.matchingParenthesis(tokens, open: open) else { return }
        let arguments = DialectTranslator.arguments(tokens, open: open, close: close)
        guard arguments.count >= 2 else { return }
        let set = arguments[1].filter { !$0.isTrivia }
        guard set.count == 1, set[0].kind == .string else {
            throw .denied(reason: "\(name)() with a computed set of characters (only literal sets are allowed)")
        }
        guard set[0].text.utf8.count - 2 <= maxTrimCharacters else {
            throw .denied(reason: "\(name)() with a set of more than \(maxTrimCharacters) characters")
        }
    }

    /// Describes a `*` width or a width/precision of 1000 or more in a printf format, or nil when there is none.
    static func unsafeDirective(in format: String) -> String? {
        var characters = format.makeIterator()
        while let character = characters.next() {
            guard character == "%" else { continue }
            var digits = 0
            while let next = characters.next() {
                if next == "*" { return "uses * for a width or precision" }
                if next.isNumber {
                    digits += 1
                    if digits > 3 { return "has a width or precision of 1000 or more" }
                } else if next == "." {
                    digits = 0
                } else if "-+ #0,!".contains(next) {
                    continue
                } else {
                    break
                }
            }
        }
        return nil
    }
}
