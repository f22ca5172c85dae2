import Foundation

/// Writes SQL for a question and its context: rules, guided by the most similar demo when the prompt has one.
struct Text2SQLWriter {
    /// One demo as the writer uses it: its question and the SQL it was answered with.
    struct Demo: Sendable {
        var question: String
        var sql: String
    }

    /// A candidate answer with the short reasoning that led to it.
    struct Candidate: Sendable, Hashable {
        var sql: String
        var reasoning: String
    }

    /// Demos less similar than this to the question are not followed.
    static let similarityThreshold = 0.2

    let question: Question
    let context: SQLContext
    let demos: [Demo]

    init(question: String, context: String, demos: [Demo]) throws {
        self.question = Question(question)
        self.context = try SQLContext(context)
        self.demos = demos
    }

    /// Candidates, best first; never empty.
    func candidates() -> [Candidate] {
        var result: [Candidate] = []
        if let (demo, similarity) = mostSimilarDemo() {
            let shape = QueryShape(sql: demo.sql)
            let guided = RuleWriter(question: shape.guide(question), context: context)
            if var plan = guided.plans().first {
                shape.adjust(&plan, writer: guided)
                if context.compiles(plan.sql) {
                    result.append(Candidate(sql: plan.sql, reasoning: reasoning(for: plan, demo: demo, similarity: similarity)))
                }
            }
        }
        let writer = RuleWriter(question: question, context: context)
        for plan in writer.plans() where context.compiles(plan.sql) {
            result.append(Candidate(sql: plan.sql, reasoning: reasoning(for: plan, demo: nil, similarity: 0)))
        }
        if result.isEmpty {
            let table = context.tables.first?.name ?? "the_table"
            result.append(Candidate(sql: "SELECT * FROM \(table)",
                                    reasoning: "No column of the context matches the question, so the query returns the whole table."))
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0.sql).inserted }
    }

    func mostSimilarDemo() -> (Demo, Double)? {
        let scored = demos.map { demo -> (Demo, Double) in
            let other = Question(demo.question)
            var score = Words.jaccard(question.words, other.words)
            if question.words.prefix(2) == other.words.prefix(2) { score += 0.15 }
            if question.aggregate == other.aggregate { score += 0.1 }
            return (demo, score)
        }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= Self.similarityThreshold else { return nil }
        return best
    }

    private func reasoning(for plan: QueryPlan, demo: Demo?, similarity: Double) -> String {
        var parts: [String] = []
        let tables = ([plan.table] + plan.joins.map(\.table)).joined(separator: " joined with ")
        switch plan.verb {
        case .delete: parts.append("The question asks to delete rows from \(tables)")
        case .update: parts.append("The question asks to change rows of \(tables)")
        case .insert: parts.append("The question asks to add a row to \(tables)")
        case .select:
            let aggregates = plan.projection.compactMap { projection -> String? in
                guard case .aggregate(let function, let ref, _) = projection else { return nil }
                return "\(function.rawValue) of \(ref?.column.name ?? "rows")"
            }
            parts.append(aggregates.isEmpty ? "The question asks for rows of \(tables)"
                                            : "The question asks for the \(aggregates.joined(separator: ", ")) in \(tables)")
        }
        if !plan.filters.isEmpty {
            parts.append("filtered on \(plan.filters.map(\.column.column.name).joined(separator: ", "))")
        }
        if !plan.groupBy.isEmpty { parts.append("grouped by \(plan.groupBy.map(\.column.name).joined(separator: ", "))") }
        if let limit = plan.limit, let order = plan.orderBy {
            parts.append("keeping the \(order.descending ? "top" : "bottom") \(limit)")
        }
        var text = parts.joined(separator: ", ") + "."
        if let demo {
            text += " It follows the structure of the similar example \"\(demo.question)\" (similarity \(String(format: "%.2f", similarity)))."
        }
        return text
    }
}
