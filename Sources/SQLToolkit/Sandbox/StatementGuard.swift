/// Refusals decided from a statement's text, for what SQLite's authorizer and progress handler cannot stop.
///
/// - `VACUUM` compiles without consulting the authorizer, and `VACUUM INTO` writes a file.
/// - `printf()`/`format()` with a huge width or precision spins inside one virtual-machine instruction, where the
///   progress handler never runs, so only a literal format with widths and precisions under 1000 is allowed.
enum StatementGuard {
    private static let formattingFunctions: Set<String> = ["PRINTF", "FORMAT"]

    /// False when the text cannot hold anything `check` refuses: no word `vacuum`, and no `printf`/`format`
    /// followed by `(` (any case), so that a caller may skip lexing it.
    static func mayConcern(_ text: ArraySlice<UInt8>) -> Bool {
        var index = text.startIndex
        while index + 6 <= text.endIndex {
            let lowered = text[index] | 0x20
            if lowered == 0x76 || lowered == 0x70 || lowered == 0x66, index == text.startIndex || !isWordByte(text[index - 1]) {
                for needle in needles where needle[0] == lowered && (0..<6).allSatisfy({ text[index + $0] | 0x20 == needle[$0] }) {
                    if needle == needles[0] { return true }
                    var after = index + 6
                    while after < text.endIndex, text[after] == 0x20 || (0x09...0x0D).contains(text[after]) { after += 1 }
                    if after < text.endIndex, text[after] == UInt8(ascii: "(") { return true }
                }
            }
            index += 1
        }
        return false
    }

    private static let needles: [[UInt8]] = [Array("vacuum".utf8), Array("printf".utf8), Array("format".utf8)]

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || byte >= 0x80 || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20)
    }

    static func check(_ tokens: [SQLToken]) throws(SandboxError) {
        if let first = tokens.first(where: { !$0.isTrivia }), first.isKeyword("VACUUM") {
            throw .denied(reason: "VACUUM (VACUUM INTO writes a database file)")
        }
        for index in tokens.indices {
            guard let word = tokens[index].keyword, formattingFunctions.contains(word),
                  let open = DialectTranslator.nextSignificant(tokens, after: index), tokens[open].isSymbol("(") else { continue }
            guard let format = DialectTranslator.nextSignificant(tokens, after: open), tokens[format].kind == .string else {
                throw .denied(reason: "\(word.lowercased())() with a computed format (only literal formats are allowed)")
            }
            if let problem = unsafeDirective(in: tokens[format].text) {
                throw .denied(reason: "\(word.lowercased())() format \(problem)")
            }
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
