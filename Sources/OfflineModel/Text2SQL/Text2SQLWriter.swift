import Foundation

/// Writes SQL for a question and its context: rules, guided by the most similar demo when the prompt has one.
struct Text2SQLWriter {
    /// One demo as the writer uses it: its question, its context and the SQL it was answered with.
    struct Demo: Sendable {
        var question: String
        var context: String
        var sql: String
    }

    /// A candidate answer with the short reasoning that led to it.
    struct Candidate: Sendable, Hashable {
        var sql: String
        var reasoning: String
    }

    /// Demos less similar than this to the question are not followed.
    static let similarityThreshold = 0.1

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
        let writer = RuleWriter(question: question, context: context)
        let rulePlans = writer.plans()
        if let (demo, shape, similarity) = applicableLesson(ruleShape: rulePlans.first.map { QueryShape(sql: $0.sql) }) {
            let guided = RuleWriter(question: shape.guide(question), context: context)
            if var plan = guided.plans().first {
                shape.adjust(&plan, writer: guided)
                if context.compiles(plan.sql) {
                    result.append(Candidate(sql: plan.sql, reasoning: reasoning(for: plan, demo: demo, similarity: similarity)))
                }
            }
        }
        for plan in rulePlans where context.compiles(plan.sql) {
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

    /// The lesson of the most similar demo whose answer the rules would have got wrong in the same way they would
    /// answer this question: its SQL's shape replaces the rules' shape. Demos the rules already answer right, or
    /// that fail differently, teach nothing here.
    func applicableLesson(ruleShape: QueryShape?) -> (Demo, QueryShape, Double)? {
        guard let ruleShape else { return nil }
        var best: (Demo, QueryShape, Double)?
        for demo in demos {
            let other = Question(demo.question)
            var similarity = Words.jaccard(question.words, other.words)
            if question.words.prefix(2) == other.words.prefix(2) { similarity += 0.15 }
            guard similarity >= Self.similarityThreshold, similarity > best?.2 ?? 0,
                  let demoContext = try? SQLContext(demo.context),
                  let demoRulePlan = RuleWriter(question: other, context: demoContext).plans().first
            else { continue }
            let taught = QueryShape(sql: demo.sql)
            let demoRuleShape = QueryShape(sql: demoRulePlan.sql)
            guard demoRuleShape.signature != taught.signature, demoRuleShape.signature == ruleShape.signature else { continue }
            best = (demo, taught, similarity)
        }
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
