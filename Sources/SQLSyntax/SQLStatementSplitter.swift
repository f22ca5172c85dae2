/// Splits SQL text into statements at top-level semicolons, keeping `CREATE TRIGGER ... BEGIN ... END` bodies whole.
public enum SQLStatementSplitter {
    /// The non-empty statements of `sql`, each as tokens without the terminating semicolon.
    public static func split(_ sql: String) -> [[SQLToken]] { split(tokens: SQLLexer.tokenize(sql)) }

    /// The non-empty statements of `sql` as text, trimmed, without the terminating semicolon.
    public static func statements(_ sql: String) -> [String] { split(sql).map(text(of:)) }

    /// The non-empty statements of an already tokenized text.
    public static func split(tokens: [SQLToken]) -> [[SQLToken]] {
        var statements: [[SQLToken]] = []
        var rest = tokens[...]
        while let (statement, length) = first(of: rest) {
            statements.append(statement)
            rest = rest.dropFirst(length.tokens)
        }
        return statements
    }

    /// The first non-empty statement of `tokens` (without its `;`) and how many UTF-8 bytes it spans from the
    /// start of `tokens` up to and including its terminating `;`; nil when there is none.
    public static func first(of tokens: [SQLToken]) -> (statement: [SQLToken], byteLength: Int)? {
        first(of: tokens[...]).map { ($0.statement, $0.length.bytes) }
    }

    private static func first(of tokens: ArraySlice<SQLToken>) -> (statement: [SQLToken], length: (tokens: Int, bytes: Int))? {
        var bytes = 0
        var current: [SQLToken] = []
        var boundary = Boundary()
        for (offset, token) in tokens.enumerated() {
            bytes += token.text.utf8.count
            if boundary.ends(at: token) {
                if current.contains(where: { !$0.isTrivia }) { return (current, (tokens: offset + 1, bytes: bytes)) }
                current = []
                boundary = Boundary()
                continue
            }
            current.append(token)
        }
        return current.contains(where: { !$0.isTrivia }) ? (current, (tokens: tokens.count, bytes: bytes)) : nil
    }

    /// Joins tokens back into text, trimming leading and trailing trivia.
    public static func text(of tokens: [SQLToken]) -> String {
        guard let first = tokens.firstIndex(where: { !$0.isTrivia }),
              let last = tokens.lastIndex(where: { !$0.isTrivia }) else { return "" }
        return tokens[first...last].map(\.text).joined()
    }

    /// Whether a `;` ends the statement: not inside a trigger's `BEGIN ... END` (nor a `CASE ... END` there).
    private struct Boundary {
        var isTrigger = false
        var blockDepth = 0

        mutating func ends(at token: SQLToken) -> Bool {
            if token.isSymbol(";") { return blockDepth == 0 }
            if token.isKeyword("TRIGGER") { isTrigger = true }
            if isTrigger, token.isKeyword("BEGIN") || token.isKeyword("CASE") { blockDepth += 1 }
            if isTrigger, token.isKeyword("END"), blockDepth > 0 { blockDepth -= 1 }
            return false
        }
    }
}
