import Foundation

/// Writes SQL for a question from the schema and the stored values, with fixed rules (no demos).
struct RuleWriter {
    let question: Question
    let context: SQLContext
    private let match: SchemaMatch

    init(question: Question, context: SQLContext) {
        self.question = question
        self.context = context
        match = SchemaMatch(question: question, context: context)
    }

    /// Candidate plans, best first; empty when the context has no table.
    func plans() -> [QueryPlan] {
        guard let primary = primaryTable() else { return [] }
        var plan = QueryPlan(table: primary.name)
        plan.filters = filters(primary: primary)
        let used = Set(plan.filters.map(\.column))
        switch question.verb {
        case .delete: plan.verb = .delete
        case .update:
            if let target = match.bestColumn(in: [primary], kinds: [.number, .text, .date], excluding: used),
               let value = question.words.last(where: { Double($0) != nil }) ?? question.quoted.last.map(QueryPlan.literal) {
                plan.verb = .update(target.ref, value)
            }
        case .insert:
            let values = question.quoted.map(QueryPlan.literal) + question.words.filter { Double($0) != nil }
            plan.verb = .insert(Array((values + Array(repeating: "NULL", count: primary.columns.count)).prefix(primary.columns.count)))
            plan.filters = []
        case .select:
            shape(&plan, primary: primary, used: used)
        }
        addJoins(&plan)
        return variants(of: plan)
    }

    func primaryTable() -> Table? {
        context.tables.max { match.tableRelevance($0) < match.tableRelevance($1) }
    }

    /// Projection, aggregate, grouping and ranking.
    func shape(_ plan: inout QueryPlan, primary: Table, used: Set<QueryPlan.ColumnRef>) {
        let tables = [primary] + context.tables.filter { $0.name != primary.name }
        let groupColumn = question.groupWords.isEmpty ? nil
            : match.bestColumn(in: tables, kinds: [.text, .date, .boolean, .number], words: question.groupWords, excluding: used)
                .flatMap { $0.score >= 0.5 ? $0.ref : nil }
        let yearColumns = Set(plan.filters.compactMap { if case .year = $0.condition { $0.column } else { nil } })
        let measure = match.bestColumn(in: tables, kinds: [.number], excluding: used.union(yearColumns).union([groupColumn].compactMap { $0 }))
        let label = labelColumn(in: tables, excluding: used.union([groupColumn].compactMap { $0 }))
        let asksForRows = ["which", "who", "list", "show", "find", "name", "identify", "display", "get", "return"]
            .contains(question.words.first ?? "") || question.lowered.contains("what is the name")
            || question.lowered.contains("what are the name")

        plan.distinct = question.distinct && question.aggregate == nil
        if let aggregate = question.aggregate,
           !(asksForRows && (aggregate == .max || aggregate == .min) && label != nil) {
            switch aggregate {
            case .count:
                let distinctColumn = question.distinct ? label : nil
                plan.projection = [.aggregate(.count, distinctColumn, distinct: distinctColumn != nil)]
            default:
                guard let measure else {
                    plan.projection = [.aggregate(.count, nil, distinct: false)]
                    break
                }
                plan.projection = [.aggregate(aggregate, measure.ref, distinct: false)]
            }
            if let groupColumn {
                plan.groupBy = [groupColumn]
                plan.projection.insert(.column(groupColumn), at: 0)
                if let topN = question.topN, let descending = question.ranksDescending {
                    plan.orderBy = (plan.projection[1], descending)
                    plan.limit = topN
                }
            }
        } else if let descending = question.ranksDescending, let measure, question.topN != nil || question.aggregate != nil {
            plan.projection = [label.map(QueryPlan.Projection.column) ?? .star]
            if let label, measure.score > 0, label != measure.ref { plan.projection.append(.column(measure.ref)) }
            plan.orderBy = (.column(measure.ref), descending)
            plan.limit = question.topN ?? 1
        } else {
            let mentioned = tables.flatMap { table in
                table.columns.filter { !$0.isKey && match.relevance($0, in: table) >= 0.99 }
                    .map { QueryPlan.ColumnRef(table: table.name, column: $0) }
            }.filter { !used.contains($0) }
            if !mentioned.isEmpty {
                plan.projection = mentioned.prefix(3).map(QueryPlan.Projection.column)
            } else if let label, asksForRows {
                plan.projection = [.column(label)]
            } else {
                plan.projection = [.star]
            }
        }
    }

    /// A column that names rows: one the question mentions, else one called like `name`/`title`.
    func labelColumn(in tables: [Table], excluding: Set<QueryPlan.ColumnRef>) -> QueryPlan.ColumnRef? {
        if let mentioned = match.bestColumn(in: tables, kinds: [.text], excluding: excluding), mentioned.score >= 0.5 {
            return mentioned.ref
        }
        for table in tables {
            if let column = table.columns.first(where: { column in
                column.kind == .text && ["name", "title"].contains(column.words.last ?? "")
            }) { return QueryPlan.ColumnRef(table: table.name, column: column) }
        }
        return nil
    }
}
