import SQLSyntax
/// What the grader needs to know of a gold query's shape before running it, read from one pass of the lexer.
struct StatementShape {
    /// True when the outermost statement has an `ORDER BY` (at parenthesis depth zero).
    let hasOuterOrderBy: Bool
    /// True when the statement changes the database (its first word, or the word after a `WITH` clause's CTEs).
    let isWrite: Bool

    private static let writingWords: [StaticString] = ["INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"]

    init(_ sql: String) {
        let bytes = Array(sql.utf8)
        var depth = 0
        var previousIsOrder = false
        var orderBy = false
        var write: Bool?
        var sawWith = false
        SQLLexer.scan(bytes) { kind, range in
            switch kind {
            case .whitespace, .comment:
                return
            case .symbol where range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "("):
                depth += 1
            case .symbol where range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: ")"):
                depth -= 1
            case .word where depth == 0:
                func isWord(_ word: StaticString) -> Bool { SQLLexer.isWord(bytes, range, word) }
                if previousIsOrder && isWord("BY") { orderBy = true }
                if write == nil {
                    if Self.writingWords.contains(where: isWord) {
                        write = true
                    } else if isWord("WITH") || isWord("RECURSIVE") {
                        sawWith = true
                    } else if !sawWith || isWord("SELECT") || isWord("VALUES") {
                        write = false
                    }
                }
            default:
                break
            }
            previousIsOrder = kind == .word && SQLLexer.isWord(bytes, range, "ORDER")
        }
        hasOuterOrderBy = orderBy
        isWrite = write ?? false
    }
}
