/// What the grader needs to know of a gold query's shape before running it, read from one pass of the lexer.
struct StatementShape {
    /// True when the outermost statement has an `ORDER BY` (at parenthesis depth zero).
    let hasOuterOrderBy: Bool
    /// True when the statement changes the database (its first word, or the word after a `WITH` clause's CTEs).
    let isWrite: Bool

    private static let writingWords: Set<String> = ["INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"]

    init(_ sql: String) {
        var depth = 0
        var previous: SQLToken?
        var orderBy = false
        var write: Bool?
        var sawWith = false
        for token in SQLLexer.tokenize(sql) where !token.isTrivia {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            defer { previous = token }
            guard depth == 0, let word = token.keyword else { continue }
            if word == "BY", previous?.isKeyword("ORDER") == true { orderBy = true }
            guard write == nil else { continue }
            if Self.writingWords.contains(word) {
                write = true
            } else if word == "WITH" || word == "RECURSIVE" {
                sawWith = true
            } else if !sawWith || word == "SELECT" || word == "VALUES" {
                write = false
            }
        }
        hasOuterOrderBy = orderBy
        isWrite = write ?? false
    }
}
