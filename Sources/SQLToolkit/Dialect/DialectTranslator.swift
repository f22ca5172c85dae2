import SQLSyntax
/// Rewrites the MySQL and PostgreSQL spellings common in text-to-SQL datasets into SQLite's dialect.
///
/// The executor runs a statement as written first and only falls back to the translation when SQLite rejects it,
/// so SQL that is already valid SQLite is never altered. Rewrites, each recorded in `Translation.rewrites`:
/// - `DATE '2020-01-01'`, `TIMESTAMP '...'`, `TIME '...'` typed literals become plain strings;
/// - PostgreSQL casts `expr::type` are dropped (SQLite's dynamic typing keeps the value);
/// - `ILIKE` becomes `LIKE` (SQLite's LIKE is already case-insensitive for ASCII);
/// - MySQL date functions: `NOW()`, `CURDATE()`, `YEAR/MONTH/DAY(x)`, `EXTRACT(YEAR FROM x)`, `DATEDIFF(a, b)`,
///   `DATE_SUB/DATE_ADD(d, INTERVAL n UNIT)`, and `CONCAT(a, b, ...)`, which SQLite 3.40 lacks;
/// - in `CREATE TABLE`: `AUTO_INCREMENT`, `ENUM(...)`/`SET(...)` types, `SERIAL`, identity columns, column
///   `COMMENT`s, character sets and foreign collations, `ON UPDATE CURRENT_TIMESTAMP`, and table options after the
///   closing parenthesis (`ENGINE=...`, `DEFAULT CHARSET=...`); keywords used as column names are quoted.
public enum DialectTranslator {
    /// A statement rewritten into SQLite's dialect.
    public struct Translation: Sendable, Equatable {
        /// The rewritten statement.
        public var sql: String
        /// What was rewritten, one short phrase per kind of rewrite (empty when nothing was).
        public var rewrites: [String]
    }

    /// Translates one statement's tokens.
    public static func translate(_ tokens: [SQLToken]) -> Translation {
        var notes = Set<String>()
        var output = rewriteExpressions(tokens, notes: &notes)
        if isCreateTable(output) { output = rewriteCreateTable(output, notes: &notes) }
        return Translation(sql: SQLStatementSplitter.text(of: output), rewrites: notes.sorted())
    }

    /// Translates one statement's text.
    public static func translate(_ sql: String) -> Translation { translate(SQLLexer.tokenize(sql)) }

    static func isCreateTable(_ tokens: [SQLToken]) -> Bool {
        let words = tokens.lazy.filter { !$0.isTrivia }.prefix(3).compactMap(\.keyword)
        let prefix = Array(words)
        return prefix.first == "CREATE" && (prefix.dropFirst().first == "TABLE" || prefix.dropFirst(2).first == "TABLE")
    }

    private static let typedLiteralWords: Set<String> = ["DATE", "TIMESTAMP", "TIME", "DATETIME"]

    private static func rewriteExpressions(_ tokens: [SQLToken], notes: inout Set<String>) -> [SQLToken] {
        var output: [SQLToken] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let next = nextSignificant(tokens, after: index)
            if let word = token.keyword, typedLiteralWords.contains(word), let next, tokens[next].kind == .string {
                notes.insert("typed literal \(word) '...'")
                index = next
                continue
            }
            if token.isSymbol("::") {
                index = skipTypeName(tokens, from: index + 1)
                notes.insert("PostgreSQL cast ::type")
                continue
            }
            if token.isKeyword("ILIKE") {
                output.append(SQLToken(.word, "LIKE"))
                notes.insert("ILIKE")
                index += 1
                continue
            }
            if let word = token.keyword, let open = next, tokens[open].isSymbol("("),
               let close = matchingParenthesis(tokens, open: open),
               let replacement = rewriteFunction(word, arguments: arguments(tokens, open: open, close: close), notes: &notes) {
                output.append(contentsOf: replacement)
                index = close + 1
                continue
            }
            output.append(token)
            index += 1
        }
        return output
    }

    private static func rewriteFunction(_ name: String, arguments: [[SQLToken]], notes: inout Set<String>) -> [SQLToken]? {
        func sql(_ text: String) -> [SQLToken] { SQLLexer.tokenize(text) }
        func argument(_ position: Int) -> String {
            SQLStatementSplitter.text(of: rewriteExpressions(arguments[position], notes: &notes))
        }
        let part = ["YEAR": "%Y", "MONTH": "%m", "DAY": "%d", "DAYOFMONTH": "%d", "HOUR": "%H", "MINUTE": "%M"]
        switch (name, arguments.count) {
        case ("NOW", 0), ("GETDATE", 0), ("SYSDATE", 0):
            notes.insert("\(name)()")
            return sql("datetime('now')")
        case ("CURDATE", 0):
            notes.insert("CURDATE()")
            return sql("date('now')")
        case (let unit, 1) where part[unit] != nil:
            notes.insert("\(unit)(x)")
            return sql("CAST(strftime('\(part[unit]!)', \(argument(0))) AS INTEGER)")
        case ("EXTRACT", 1):
            let inner = arguments[0].filter { !$0.isTrivia }
            guard inner.count >= 3, let unit = inner[0].keyword, let format = part[unit], inner[1].isKeyword("FROM"),
                  let from = arguments[0].firstIndex(where: { $0.isKeyword("FROM") }) else { return nil }
            notes.insert("EXTRACT(unit FROM x)")
            let value = SQLStatementSplitter.text(of: rewriteExpressions(Array(arguments[0][(from + 1)...]), notes: &notes))
            return sql("CAST(strftime('\(format)', \(value)) AS INTEGER)")
        case ("DATEDIFF", 2):
            notes.insert("DATEDIFF(a, b)")
            return sql("CAST(julianday(\(argument(0))) - julianday(\(argument(1))) AS INTEGER)")
        case ("DATE_SUB", 2), ("DATE_ADD", 2), ("ADDDATE", 2), ("SUBDATE", 2):
            guard let modifier = intervalModifier(arguments[1], negate: name == "DATE_SUB" || name == "SUBDATE") else { return nil }
            notes.insert("\(name)(d, INTERVAL n unit)")
            return sql("date(\(argument(0)), '\(modifier)')")
        case ("CONCAT", let count) where count >= 2:
            notes.insert("CONCAT(...)")
            return sql("(" + (0..<count).map { "COALESCE(\(argument($0)), '')" }.joined(separator: " || ") + ")")
        default:
            return nil
        }
    }

    /// `INTERVAL 30 DAY` or `INTERVAL '30' DAY` or `INTERVAL '30 days'` as an SQLite date modifier like `-30 days`.
    private static func intervalModifier(_ tokens: [SQLToken], negate: Bool) -> String? {
        let words = tokens.filter { !$0.isTrivia }
        guard words.first?.isKeyword("INTERVAL") == true, words.count >= 2 else { return nil }
        var amount = words[1].text
        var unit = words.count >= 3 ? words[2].text : ""
        if words[1].kind == .string {
            let inner = amount.dropFirst().dropLast().split(separator: " ")
            amount = inner.first.map(String.init) ?? ""
            if inner.count > 1 { unit = String(inner[1]) }
        }
        guard let value = Double(amount), !unit.isEmpty else { return nil }
        var name = unit.lowercased()
        if name.hasSuffix("s") { name.removeLast() }
        guard ["day", "month", "year", "hour", "minute", "second", "week"].contains(name) else { return nil }
        var count = value
        if name == "week" { name = "day"; count *= 7 }
        if negate { count = -count }
        let number = count == count.rounded() ? String(Int(count)) : String(count)
        return "\(count >= 0 ? "+" : "")\(number) \(name)s"
    }

    static func nextSignificant(_ tokens: [SQLToken], after index: Int) -> Int? {
        var position = index + 1
        while position < tokens.count {
            if !tokens[position].isTrivia { return position }
            position += 1
        }
        return nil
    }

    static func matchingParenthesis(_ tokens: [SQLToken], open: Int) -> Int? {
        var depth = 0
        for position in open..<tokens.count {
            if tokens[position].isSymbol("(") { depth += 1 }
            if tokens[position].isSymbol(")") {
                depth -= 1
                if depth == 0 { return position }
            }
        }
        return nil
    }

    /// The comma-separated arguments between `open` and `close`, split at depth one.
    static func arguments(_ tokens: [SQLToken], open: Int, close: Int) -> [[SQLToken]] {
        var result: [[SQLToken]] = []
        var current: [SQLToken] = []
        var depth = 0
        for token in tokens[(open + 1)..<close] {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            if token.isSymbol(","), depth == 0 {
                result.append(current)
                current = []
            } else {
                current.append(token)
            }
        }
        if current.contains(where: { !$0.isTrivia }) || !result.isEmpty { result.append(current) }
        return result
    }

    /// Skips a type name after `::`: words, an optional `(n, m)` and optional `[]`.
    private static func skipTypeName(_ tokens: [SQLToken], from start: Int) -> Int {
        var index = start
        while index < tokens.count, tokens[index].isTrivia { index += 1 }
        while index < tokens.count, tokens[index].kind == .word || tokens[index].kind == .quotedIdentifier {
            index += 1
            if index < tokens.count, tokens[index].kind == .whitespace,
               let next = nextSignificant(tokens, after: index - 1), tokens[next].isKeyword("PRECISION") || tokens[next].isKeyword("VARYING") {
                index = next
            }
        }
        if index < tokens.count, tokens[index].isSymbol("("), let close = matchingParenthesis(tokens, open: index) { index = close + 1 }
        while index + 1 < tokens.count, tokens[index].isSymbol("["), tokens[index + 1].isSymbol("]") { index += 2 }
        return index
    }
}
