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
        let own = writer.candidates().first
        let ownRows = own.flatMap { try? database.run($0.sql) }.map(ResultSet.init)
        if let ownRows, ownRows == rows {
            return Verdict(correct: true, reason: "The query runs and returns the same rows as an independent query for the question.")
        }
        if let missing = missingIntent(in: trimmed.uppercased(), writer: writer) {
            return Verdict(correct: false, reason: "The query runs but \(missing).")
        }
        if rows.rows.isEmpty, let ownRows, !ownRows.rows.isEmpty {
            return Verdict(correct: false, reason: "The query returns no rows where the context has matching data.")
        }
        return Verdict(correct: true, reason: "The query runs and covers what the question asks for.")
    }

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
        for quoted in question.quoted where !sql.contains(quoted.uppercased()) { return "it ignores '\(quoted)'" }
        return nil
    }
}
