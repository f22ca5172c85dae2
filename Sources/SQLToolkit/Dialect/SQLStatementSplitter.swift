/// Splits SQL text into statements at top-level semicolons, keeping `CREATE TRIGGER ... BEGIN ... END` bodies whole.
public enum SQLStatementSplitter {
    /// The non-empty statements of `sql`, each as tokens without the terminating semicolon.
    public static func split(_ sql: String) -> [[SQLToken]] { split(tokens: SQLLexer.tokenize(sql)) }

    /// The non-empty statements of an already tokenized text.
    public static func split(tokens: [SQLToken]) -> [[SQLToken]] {
        var statements: [[SQLToken]] = []
        var current: [SQLToken] = []
        var blockDepth = 0
        var isTrigger = false
        func finish() {
            if current.contains(where: { !$0.isTrivia }) { statements.append(current) }
            current = []
            blockDepth = 0
            isTrigger = false
        }
        for token in tokens {
            if token.isSymbol(";"), blockDepth == 0 {
                finish()
                continue
            }
            current.append(token)
            if token.isKeyword("TRIGGER") { isTrigger = true }
            if isTrigger, token.isKeyword("BEGIN") || token.isKeyword("CASE") { blockDepth += 1 }
            if isTrigger, token.isKeyword("END"), blockDepth > 0 { blockDepth -= 1 }
        }
        finish()
        return statements
    }

    /// Joins tokens back into text, trimming leading and trailing trivia.
    public static func text(of tokens: [SQLToken]) -> String {
        guard let first = tokens.firstIndex(where: { !$0.isTrivia }),
              let last = tokens.lastIndex(where: { !$0.isTrivia }) else { return "" }
        return tokens[first...last].map(\.text).joined()
    }
}
