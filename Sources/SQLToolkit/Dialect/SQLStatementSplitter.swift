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

    /// The first non-empty statement of `tokens` (without its `;`) and how many UTF-8 bytes it spans from the
    /// start of `tokens` up to and including its terminating `;`; nil when there is none.
    public static func first(of tokens: [SQLToken]) -> (statement: [SQLToken], byteLength: Int)? {
        var bytes = 0
        var current: [SQLToken] = []
        var blockDepth = 0
        var isTrigger = false
        for token in tokens {
            bytes += token.text.utf8.count
            if token.isSymbol(";"), blockDepth == 0 {
                if current.contains(where: { !$0.isTrivia }) { return (current, bytes) }
                current = []
                continue
            }
            current.append(token)
            if token.isKeyword("TRIGGER") { isTrigger = true }
            if isTrigger, token.isKeyword("BEGIN") || token.isKeyword("CASE") { blockDepth += 1 }
            if isTrigger, token.isKeyword("END"), blockDepth > 0 { blockDepth -= 1 }
        }
        return current.contains(where: { !$0.isTrivia }) ? (current, bytes) : nil
    }

    /// Joins tokens back into text, trimming leading and trailing trivia.
    public static func text(of tokens: [SQLToken]) -> String {
        guard let first = tokens.firstIndex(where: { !$0.isTrivia }),
              let last = tokens.lastIndex(where: { !$0.isTrivia }) else { return "" }
        return tokens[first...last].map(\.text).joined()
    }
}
