import Foundation

/// Decides whether a candidate SQL query answers a question over a context, by running it: the candidate must run,
/// and either return what the offline model's own query returns or show every intent the question states
/// (aggregate, top-N, named values, years). It never sees a reference answer.
struct SQLJudge {
    struct Verdict: Sendable, Hashable {
        var correct: Bool
        var reason: String
    }

    let question: String
    let context: String

    func judge(_ sql: String) -> Verdict {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return Verdict(correct: false, reason: "The SQL is empty.") }
        let database: SQLContext
        let writer: Text2SQLWriter
        do {
            writer = try Text2SQLWriter(question: question, context: context, demos: [])
            database = writer.context
        } catch {
            return Verdict(correct: false, reason: "The context could not be loaded: \(error).")
        }
        let rows: ResultSet
        do {
            rows = ResultSet(try database.run(trimmed))
        } catch {
            return Verdict(correct: false, reason: "The query fails on the context: \(error).")
        }
        // The checks come from the question's wording, independent of how the SQL was written, so a query the
        // offline model wrote itself is held to them too.
        if let missing = missingIntent(in: trimmed.uppercased(), writer: writer) {
            return Verdict(correct: false, reason: "The query runs but \(missing).")
        }
        if writer.question.verb == .select, rows.rows.isEmpty || rows.rows.allSatisfy({ $0.allSatisfy { $0 == "NULL" } }),
           database.tables.contains(where: { !$0.rows.isEmpty }) {
            return Verdict(correct: false, reason: "The query returns nothing although the context has rows.")
        }
        return Verdict(correct: true, reason: "The query runs and covers what the question asks for.")
    }

    /// Wording that needs a construct: (phrases, SQL fragments of which one must appear, what is missing).
    private static let wordingChecks: [([String], [String], String)] = [
        (["percentage", "percent", "ratio", "rate", "proportion", "share of", "per capita", "difference", "change"],
         ["/", "*", "-", "AVG("], "it does not compute the ratio or difference the question asks for"),
        (["than the average", "above average", "below average", "than average"], ["(SELECT", "AVG("],
         "it does not compare with the average"),
        (["ranked", "ordered by", "sorted", "in descending order", "in ascending order", "order them"], ["ORDER BY"],
         "it does not order the result"),
        (["second", "third", "fourth", "fifth"], ["OFFSET", "ROW_NUMBER", "RANK", "LIMIT 1,", "LIMIT 2,"],
         "it does not pick the rank the question names"),
        (["not", "without", "never", "no longer", "excluding"], ["NOT", "!=", "<>", "IS NULL", "LEFT JOIN", "EXCEPT", "= FALSE", "= 0"],
         "it does not exclude what the question excludes"),
        (["minimum and maximum", "min and max", "highest and lowest", "lowest and highest", "maximum and minimum"],
         ["MIN("], "it does not give the minimum the question asks for"),
        (["minimum and maximum", "min and max", "highest and lowest", "lowest and highest", "maximum and minimum"],
         ["MAX("], "it does not give the maximum the question asks for"),
    ]

    /// The first intent of the question the SQL does not show, described; nil when it shows them all.
    private func missingIntent(in sql: String, writer: Text2SQLWriter) -> String? {
        let question = writer.question
        switch question.verb {
        case .delete where !sql.hasPrefix("DELETE"): return "the question asks to delete rows"
        case .update where !sql.hasPrefix("UPDATE"): return "the question asks to update rows"
        case .insert where !sql.hasPrefix("INSERT"): return "the question asks to add rows"
        default: break
        }
        if let aggregate = question.aggregate, question.verb == .select {
            let ranked = sql.contains("ORDER BY")
            switch aggregate {
            case .count where !sql.contains("COUNT"): return "it does not count"
            case .sum where !sql.contains("SUM") && !sql.contains("COUNT"): return "it does not add up a total"
            case .avg where !sql.contains("AVG"): return "it does not take an average"
            case .max where !sql.contains("MAX") && !ranked: return "it does not find the highest value"
            case .min where !sql.contains("MIN") && !ranked: return "it does not find the lowest value"
            default: break
            }
        }
        if let topN = question.topN, sql.range(of: "LIMIT\\s+\(topN)\\b", options: .regularExpression) == nil {
            return "it does not keep the top \(topN)"
        }
        let match = SchemaMatch(question: question, context: writer.context)
        for (_, values) in match.mentionedValues() {
            for value in values where !sql.contains(value.uppercased()) {
                let words = value.uppercased().split(separator: " ")
                if !words.contains(where: { $0.count > 2 && sql.contains($0) }) { return "it ignores '\(value)'" }
            }
        }
        for year in question.years where !sql.contains(String(year)) { return "it ignores the year \(year)" }
        for comparison in question.comparisons {
            let value = comparison.value
            let text = value == value.rounded() ? String(Int(value)) : String(value)
            if !sql.contains(text) { return "it ignores the number \(text)" }
        }
        for (words, required, what) in Self.wordingChecks
        where words.contains(where: { SchemaMatch.containsPhrase(question.lowered, $0) })
            && !required.contains(where: sql.contains) {
            return what
        }
        if !question.groupPhrases.isEmpty, !sql.contains("GROUP BY"), !sql.contains("PARTITION BY") {
            return "it does not break the result down as the question asks"
        }
        for quoted in question.quoted where !sql.contains(quoted.uppercased()) { return "it ignores '\(quoted)'" }
        return nil
    }
}
