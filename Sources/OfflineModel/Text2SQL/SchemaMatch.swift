import Foundation

/// How well schema names and stored values match a question's words.
struct SchemaMatch {
    let question: Question
    let context: SQLContext

    /// 0…1: the share of the column's words the question uses, with a bonus when its table is named too.
    func relevance(_ column: Column, in table: Table, words: [String]? = nil) -> Double {
        let words = Set(words ?? question.words)
        guard !column.words.isEmpty else { return 0 }
        let hits = column.words.filter { words.contains($0) }.count
        var score = Double(hits) / Double(column.words.count)
        if question.lowered.contains(column.name.lowercased()) { score += 0.25 }
        return score
    }

    func tableRelevance(_ table: Table) -> Double {
        let words = Set(question.words)
        let nameHits = Double(table.words.filter { words.contains($0) }.count) / Double(max(1, table.words.count))
        let columnScore = table.columns.map { relevance($0, in: table) }.sorted(by: >).prefix(3).reduce(0, +)
        return nameHits * 2 + columnScore
    }

    /// Stored text values the question mentions, by column, each value kept for its best column only.
    func mentionedValues() -> [(ref: QueryPlan.ColumnRef, values: [String])] {
        var best: [String: (ref: QueryPlan.ColumnRef, score: Double)] = [:]
        var looseMatches: [QueryPlan.ColumnRef: Int] = [:]
        let questionWords = Set(question.words)
        let schemaWords = Set(context.tables.flatMap { $0.words + $0.columns.flatMap(\.words) })
        for table in context.tables {
            for column in table.columns where column.kind == .text || column.kind == .date {
                for value in table.textValues(of: column) where value.count >= 2 && value.count <= 60 {
                    let strength: Double
                    if Self.containsPhrase(question.lowered, value.lowercased()) {
                        strength = 2
                    } else {
                        // Loose match: every word of a short value appears, and not only because it names the schema
                        // ("Product A" matches any question about products).
                        let valueWords = Words.textWords(value).filter { !Words.stopWords.contains($0) && $0.count > 2 }
                        guard !valueWords.isEmpty, valueWords.count <= 3, valueWords.allSatisfy(questionWords.contains),
                              !valueWords.allSatisfy(schemaWords.contains) else { continue }
                        strength = 1
                        looseMatches[QueryPlan.ColumnRef(table: table.name, column: column), default: 0] += 1
                    }
                    guard column.kind == .text || strength == 2 else { continue }
                    let score = strength + relevance(column, in: table) + Double(value.count) / 100
                    if score > best[value]?.score ?? -1 {
                        best[value] = (QueryPlan.ColumnRef(table: table.name, column: column), score)
                    }
                }
            }
        }
        // A value inside a longer matched value ("Rural" in "Rural Area") is the same mention.
        // Many loose matches in one column mean its values share a generic word, not that the question names them.
        let values = best.keys.filter { value in
            !best.keys.contains { $0 != value && $0.count > value.count && $0.lowercased().contains(value.lowercased()) }
                && !(looseMatches[best[value]!.ref, default: 0] > 2 && !Self.containsPhrase(question.lowered, value.lowercased()))
        }
        var grouped: [QueryPlan.ColumnRef: [String]] = [:]
        for value in values.sorted() { grouped[best[value]!.ref, default: []].append(value) }
        return grouped.map { ($0.key, $0.value) }.sorted { $0.ref.column.name < $1.ref.column.name }
    }

    static func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: phrase)
        return text.range(of: "(^|[^a-z0-9])\(escaped)($|[^a-z0-9])", options: .regularExpression) != nil
    }

    /// The best column of `kind` (any kind when nil) by relevance, skipping keys and the given columns.
    func bestColumn(in tables: [Table], kinds: Set<Column.Kind>, words: [String]? = nil,
                    excluding: Set<QueryPlan.ColumnRef> = []) -> (ref: QueryPlan.ColumnRef, score: Double)? {
        var best: (QueryPlan.ColumnRef, Double)?
        for table in tables {
            for column in table.columns where kinds.contains(column.kind) && !column.isKey {
                let ref = QueryPlan.ColumnRef(table: table.name, column: column)
                guard !excluding.contains(ref) else { continue }
                let score = relevance(column, in: table, words: words)
                if score > (best?.1 ?? -1) { best = (ref, score) }
            }
        }
        return best
    }
}
