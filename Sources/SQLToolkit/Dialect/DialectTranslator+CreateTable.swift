import SQLSyntax
extension DialectTranslator {
    /// Words that start a table constraint rather than a column definition inside `CREATE TABLE (...)`.
    static let tableConstraintWords: Set<String> = ["PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "CONSTRAINT", "KEY", "INDEX", "FULLTEXT", "SPATIAL"]

    /// SQLite keywords that datasets use as bare column names (`group`, `order`, ...) and SQLite refuses there.
    static let reservedColumnNames: Set<String> = [
        "ABORT", "ACTION", "ADD", "AFTER", "ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC", "ATTACH", "BEFORE", "BETWEEN",
        "BY", "CASCADE", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "COMMIT", "CONFLICT", "CONSTRAINT", "CREATE",
        "CROSS", "DEFAULT", "DEFERRABLE", "DELETE", "DESC", "DETACH", "DISTINCT", "DROP", "EACH", "ELSE", "END",
        "ESCAPE", "EXCEPT", "EXISTS", "FOREIGN", "FROM", "GROUP", "HAVING", "IN", "INDEX", "INNER", "INSERT",
        "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LEFT", "LIMIT", "NATURAL", "NOT", "NOTNULL", "NULL", "OF",
        "ON", "OR", "ORDER", "OUTER", "PRIMARY", "REFERENCES", "RIGHT", "SELECT", "SET", "TABLE", "THEN", "TO",
        "TRANSACTION", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "WHEN", "WHERE",
    ]

    private static let foreignTypes: [String: String] = ["SERIAL": "INTEGER", "BIGSERIAL": "INTEGER", "SMALLSERIAL": "INTEGER"]
    private static let sqliteCollations: Set<String> = ["BINARY", "NOCASE", "RTRIM"]

    /// Rewrites the column list of a `CREATE TABLE` and drops table options after it.
    static func rewriteCreateTable(_ tokens: [SQLToken], notes: inout Set<String>) -> [SQLToken] {
        guard let open = tokens.firstIndex(where: { $0.isSymbol("(") }),
              let close = matchingParenthesis(tokens, open: open) else { return tokens }
        var output = Array(tokens[...open])
        let items = arguments(tokens, open: open, close: close)
        for (position, item) in items.enumerated() {
            if position > 0 { output.append(SQLToken(.symbol, ",")) }
            output.append(contentsOf: rewriteColumnDefinition(item, notes: &notes))
        }
        output.append(tokens[close])
        let trailing = tokens[(close + 1)...].filter { !$0.isTrivia }
        let keepsTrailing = trailing.allSatisfy { $0.isKeyword("WITHOUT") || $0.isKeyword("ROWID") || $0.isKeyword("STRICT") || $0.isSymbol(",") }
        if keepsTrailing {
            output.append(contentsOf: tokens[(close + 1)...])
        } else {
            notes.insert("table options after the column list")
        }
        return output
    }

    private static func rewriteColumnDefinition(_ item: [SQLToken], notes: inout Set<String>) -> [SQLToken] {
        guard let first = item.firstIndex(where: { !$0.isTrivia }) else { return item }
        if let word = item[first].keyword, tableConstraintWords.contains(word) {
            // MySQL's inline `KEY name (col)` / `INDEX name (col)` have no SQLite equivalent inside CREATE TABLE.
            if word == "KEY" || word == "INDEX" || word == "FULLTEXT" || word == "SPATIAL" {
                notes.insert("inline KEY/INDEX definitions")
                return []
            }
            return item
        }
        // An auto-increment column becomes SQLite's rowid alias, which needs the exact type INTEGER.
        let autoIncrements = item.contains { $0.isKeyword("AUTO_INCREMENT") || $0.isKeyword("AUTOINCREMENT") || $0.isKeyword("SERIAL") || $0.isKeyword("BIGSERIAL") }
        var output = Array(item[..<first])
        if let word = item[first].keyword, reservedColumnNames.contains(word) {
            output.append(SQLToken(.quotedIdentifier, "\"\(item[first].text)\""))
            notes.insert("keyword used as a column name")
        } else {
            output.append(item[first])
        }
        var index = first + 1
        if autoIncrements {
            notes.insert("AUTO_INCREMENT/UNSIGNED")
            output.append(contentsOf: [SQLToken(.whitespace, " "), SQLToken(.word, "INTEGER")])
            index = typeEnd(item, after: first)
        }
        while index < item.count {
            let token = item[index]
            let next = nextSignificant(item, after: index)
            if token.isKeyword("AUTO_INCREMENT") || token.isKeyword("AUTOINCREMENT") || token.isKeyword("UNSIGNED") || token.isKeyword("ZEROFILL") {
                notes.insert("AUTO_INCREMENT/UNSIGNED")
                index += 1
                continue
            }
            if let word = token.keyword, let replacement = foreignTypes[word] {
                output.append(SQLToken(.word, replacement))
                notes.insert("SERIAL types")
                index += 1
                continue
            }
            if token.isKeyword("ENUM") || token.isKeyword("SET"), let open = next, item[open].isSymbol("("),
               let close = matchingParenthesis(item, open: open) {
                output.append(SQLToken(.word, "TEXT"))
                notes.insert("ENUM/SET types")
                index = close + 1
                continue
            }
            if token.isKeyword("COMMENT"), let value = next, item[value].kind == .string {
                notes.insert("column comments")
                index = value + 1
                continue
            }
            if token.isKeyword("ON"), let update = next, item[update].isKeyword("UPDATE") {
                notes.insert("ON UPDATE clauses")
                index = skipWords(item, from: update + 1, count: 1)
                continue
            }
            if token.isKeyword("CHARACTER"), let set = next, item[set].isKeyword("SET") {
                notes.insert("character sets")
                index = skipWords(item, from: set + 1, count: 1)
                continue
            }
            if token.isKeyword("CHARSET") {
                notes.insert("character sets")
                index = skipWords(item, from: index + 1, count: 1)
                continue
            }
            if token.isKeyword("COLLATE"), let name = next, let collation = item[name].identifierName,
               !sqliteCollations.contains(collation.uppercased()) {
                notes.insert("foreign collations")
                index = name + 1
                continue
            }
            if token.isKeyword("GENERATED"), let identity = item[index...].firstIndex(where: { $0.isKeyword("IDENTITY") }),
               !item[index..<identity].contains(where: { $0.isSymbol("(") }) {
                notes.insert("identity columns")
                index = identity + 1
                if let open = nextSignificant(item, after: identity), item[open].isSymbol("("),
                   let close = matchingParenthesis(item, open: open) {
                    index = close + 1
                }
                continue
            }
            output.append(token)
            index += 1
        }
        return output
    }

    private static let constraintStarts: Set<String> = ["PRIMARY", "NOT", "NULL", "UNIQUE", "DEFAULT", "CHECK", "REFERENCES",
                                                        "COLLATE", "GENERATED", "CONSTRAINT", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "AS"]

    /// The index after a column's type name (words and an optional `(p, s)`), which starts after the column name.
    private static func typeEnd(_ tokens: [SQLToken], after name: Int) -> Int {
        var index = name + 1
        var end = index
        while index < tokens.count {
            let token = tokens[index]
            if token.isTrivia { index += 1; continue }
            if let word = token.keyword, !constraintStarts.contains(word) { index += 1; end = index; continue }
            if token.isSymbol("("), let close = matchingParenthesis(tokens, open: index) { index = close + 1; end = index; continue }
            break
        }
        return end
    }

    /// The index just after the next `count` significant tokens from `start`.
    private static func skipWords(_ tokens: [SQLToken], from start: Int, count: Int) -> Int {
        var index = start
        var remaining = count
        while index < tokens.count, remaining > 0 {
            if !tokens[index].isTrivia { remaining -= 1 }
            index += 1
        }
        return index
    }
}
