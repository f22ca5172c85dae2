import SQLSyntax
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

    /// The guarded functions' names, in lower case, for `mayConcern`.
    private static let guardedNames: [[UInt8]] = ["printf", "format", "trim", "ltrim", "rtrim"].map { Array($0.utf8) }
    private static let vacuum = Array("vacuum".utf8)

    /// False when the text cannot hold anything `check` refuses, so that a caller may skip lexing it: it does not
    /// start with the word `vacuum`, no guarded function's name (any case, even inside strings) comes right
    /// before a `(` or spaces and a `(`, and it has no comment (which could sit between a name and its `(`).
    static func mayConcern(_ text: ArraySlice<UInt8>) -> Bool {
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count, isSpace(bytes[start]) { start += 1 }
            if matches(bytes, start..<wordEnd(bytes, from: start), vacuum) { return true }
            for index in bytes.indices {
                switch bytes[index] {
                case UInt8(ascii: "("):
                    if namesGuardedFunction(bytes, before: index) { return true }
                case UInt8(ascii: "-"), UInt8(ascii: "/"):
                    let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                    if next == (bytes[index] == UInt8(ascii: "-") ? UInt8(ascii: "-") : UInt8(ascii: "*")) { return true }
                default:
                    continue
                }
            }
            return false
        }
    }

    private static func namesGuardedFunction(_ bytes: UnsafeBufferPointer<UInt8>, before open: Int) -> Bool {
        var end = open
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, isWordByte(bytes[start - 1]) { start -= 1 }
        return guardedNames.contains { matches(bytes, start..<end, $0) }
    }

    private static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
        return end
    }

    /// True when `bytes[range]` is `word` (given in lower case) in any case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        range.count == word.count && zip(bytes[range], word).allSatisfy { $0 | 0x20 == $1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

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
