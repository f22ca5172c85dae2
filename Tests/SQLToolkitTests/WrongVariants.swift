import SQLSyntax
import SQLToolkit

/// Plausible mistakes a model makes, written as rewrites of a gold query: wrong column, missing filter, wrong
/// aggregate, wrong join key, wrong ORDER BY direction with LIMIT. Each returns nil when it does not apply.
enum WrongVariants {
    static func all(of sql: String, columns: [String: [String]]) -> [(kind: String, sql: String)] {
        let tokens = SQLLexer.tokenize(sql)
        let candidates: [(String, [SQLToken]?)] = [
            ("wrong column", wrongColumn(tokens, columns: columns)),
            ("missing filter", missingFilter(tokens)),
            ("wrong aggregate", wrongAggregate(tokens)),
            ("wrong join key", wrongJoinKey(tokens)),
            ("wrong ORDER BY with LIMIT", wrongOrder(tokens)),
        ]
        return candidates.compactMap { kind, tokens in tokens.map { (kind, $0.map(\.text).joined()) } }
    }

    /// Depth of each token (parentheses), to find clauses of the outermost statement.
    static func depths(_ tokens: [SQLToken]) -> [Int] {
        var depth = 0
        return tokens.map { token in
            if token.isSymbol("(") { depth += 1; return depth - 1 }
            if token.isSymbol(")") { depth -= 1 }
            return depth
        }
    }

    static func wrongColumn(_ tokens: [SQLToken], columns: [String: [String]]) -> [SQLToken]? {
        guard let select = tokens.firstIndex(where: { $0.isKeyword("SELECT") }) else { return nil }
        for index in tokens.indices.dropFirst(select + 1) {
            if tokens[index].isKeyword("FROM") { return nil }
            guard let name = tokens[index].identifierName?.lowercased(), index + 1 >= tokens.count || !tokens[index + 1].isSymbol("(") else { continue }
            for (_, tableColumns) in columns where tableColumns.contains(name) {
                guard let other = tableColumns.first(where: { $0 != name && $0 != "id" }) ?? tableColumns.first(where: { $0 != name }) else { continue }
                var result = tokens
                result[index] = SQLToken(.word, other)
                return result
            }
        }
        return nil
    }

    static let clauseEnds: Set<String> = ["GROUP", "ORDER", "LIMIT", "HAVING", "UNION", "EXCEPT", "INTERSECT", "WINDOW"]

    static func missingFilter(_ tokens: [SQLToken]) -> [SQLToken]? {
        let depth = depths(tokens)
        guard let start = tokens.indices.first(where: { tokens[$0].isKeyword("WHERE") && depth[$0] == 0 }) else { return nil }
        let end = tokens.indices.dropFirst(start + 1).first { index in
            depth[index] == 0 && (tokens[index].keyword.map(clauseEnds.contains) ?? false || tokens[index].isSymbol(";"))
        } ?? tokens.count
        return Array(tokens[..<start]) + [SQLToken(.whitespace, " ")] + Array(tokens[end...])
    }

    static func wrongAggregate(_ tokens: [SQLToken]) -> [SQLToken]? {
        let swaps = ["SUM": "AVG", "AVG": "SUM", "MAX": "MIN", "MIN": "MAX", "COUNT": "SUM"]
        guard let index = tokens.indices.first(where: { index in
            tokens[index].keyword.map { swaps[$0] != nil } ?? false && index + 1 < tokens.count && tokens[index + 1].isSymbol("(")
        }) else { return nil }
        var result = tokens
        result[index] = SQLToken(.word, swaps[tokens[index].keyword!]!)
        return result
    }

    /// `ON a.x = b.y` becomes `ON a.x = b.id` (or `a.id = b.y` when `y` is already `id`).
    static func wrongJoinKey(_ tokens: [SQLToken]) -> [SQLToken]? {
        let significant = tokens.indices.filter { !tokens[$0].isTrivia }
        guard let on = significant.firstIndex(where: { tokens[$0].isKeyword("ON") }), on + 7 < significant.count else { return nil }
        let parts = significant[(on + 1)...(on + 7)].map { tokens[$0] }
        guard parts[1].isSymbol("."), parts[3].isSymbol("="), parts[5].isSymbol(".") else { return nil }
        var result = tokens
        if parts[6].identifierName?.lowercased() != "id" {
            result[significant[on + 7]] = SQLToken(.word, "id")
        } else if parts[2].identifierName?.lowercased() != "id" {
            result[significant[on + 3]] = SQLToken(.word, "id")
        } else {
            return nil
        }
        return result
    }

    static func wrongOrder(_ tokens: [SQLToken]) -> [SQLToken]? {
        let depth = depths(tokens)
        guard tokens.indices.contains(where: { tokens[$0].isKeyword("LIMIT") && depth[$0] == 0 }),
              let order = tokens.indices.first(where: { tokens[$0].isKeyword("ORDER") && depth[$0] == 0 }) else { return nil }
        var result = tokens
        if let direction = tokens.indices.dropFirst(order).first(where: { (tokens[$0].isKeyword("DESC") || tokens[$0].isKeyword("ASC")) && depth[$0] == 0 }) {
            result[direction] = SQLToken(.word, tokens[direction].isKeyword("DESC") ? "ASC" : "DESC")
        } else if let limit = tokens.indices.first(where: { tokens[$0].isKeyword("LIMIT") && depth[$0] == 0 }) {
            result.insert(contentsOf: [SQLToken(.word, "DESC"), SQLToken(.whitespace, " ")], at: limit)
        }
        return result
    }
}
