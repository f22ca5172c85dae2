/// Refusals decided from a statement's text, for what SQLite's authorizer and progress handler cannot stop.
///
/// - `VACUUM` compiles without consulting the authorizer, and `VACUUM INTO` writes a file.
/// - `printf()`/`format()` with a huge width or precision spins inside one virtual-machine instruction, where the
///   progress handler never runs, so only a literal format with widths and precisions under 1000 is allowed.
enum StatementGuard {
    private static let formattingFunctions: Set<String> = ["PRINTF", "FORMAT"]

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
