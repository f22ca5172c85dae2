/// What the grader needs to know of a gold query's shape before running it.
enum StatementShape {
    /// True when the outermost statement has an `ORDER BY` (at parenthesis depth zero).
    static func hasOuterOrderBy(_ sql: String) -> Bool {
        var depth = 0
        var previous: SQLToken?
        for token in SQLLexer.tokenize(sql) where !token.isTrivia {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            if depth == 0, token.isKeyword("BY"), previous?.isKeyword("ORDER") == true { return true }
            previous = token
        }
        return false
    }

    private static let writingWords: Set<String> = ["INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"]

    /// True when the statement changes the database (its first word, or the word after a `WITH` clause's CTEs).
    static func isWrite(_ sql: String) -> Bool {
        var depth = 0
        var sawWith = false
        for token in SQLLexer.tokenize(sql) where !token.isTrivia {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            guard depth == 0, let word = token.keyword else { continue }
            if writingWords.contains(word) { return true }
            if word == "WITH" || word == "RECURSIVE" { sawWith = true; continue }
            if !sawWith { return false }
            if word == "SELECT" || word == "VALUES" { return false }
        }
        return false
    }
}
