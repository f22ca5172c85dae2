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
        var groupColumns: [QueryPlan.ColumnRef] = []
        for phrase in question.groupPhrases {
            if let column = match.bestColumn(in: tables, kinds: [.text, .date, .boolean, .number], words: phrase,
                                             excluding: used.union(groupColumns)), column.score >= 0.5 {
                groupColumns.append(column.ref)
            }
        }
        let groupColumn = groupColumns.first
        // Years and dates are when, not how much: never the measure unless nothing else is numeric.
        let timeColumns = Set(tables.flatMap { table in
            table.columns.filter { $0.words.contains { ["year", "month", "day", "date", "quarter"].contains($0) } }
                .map { QueryPlan.ColumnRef(table: table.name, column: $0) }
        })
        let measure = match.bestColumn(in: tables, kinds: [.number], excluding: used.union(timeColumns).union(groupColumns))
            ?? match.bestColumn(in: tables, kinds: [.number], excluding: used.union(groupColumns))
        let label = labelColumn(in: tables, excluding: used.union([groupColumn].compactMap { $0 }))
        let asksForRows = ["which", "who", "list", "show", "find", "name", "identify", "display", "get", "return"]
            .contains(question.words.first ?? "") || question.lowered.contains("what is the name")
            || question.lowered.contains("what are the name")

        plan.distinct = question.distinct && question.aggregate == nil
        // "the genre with the most players", "top 3 countries with the highest number of satellites": rank groups of
        // a named column by how many rows they have, when what is counted is no numeric column.
        if let descending = question.ranksDescending, question.aggregate != .avg, question.aggregate != .sum,
           measure.map({ $0.score == 0 }) ?? true || question.lowered.contains("number of"),
           let label = match.bestColumn(in: [primary], kinds: [.text], excluding: used), label.score >= 0.5,
           !(label.ref.column.words.last.map { ["name", "title"].contains($0) } ?? false) {
            plan.projection = [.column(label.ref)]
            plan.groupBy = [label.ref]
            plan.orderBy = (.aggregate(.count, nil, distinct: false), descending)
            plan.limit = question.topN ?? 1
            return
        }
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
                if aggregate == .sum, measure.score == 0, question.lowered.contains("number of") {
                    // "total number of farmers" with no farmer-count column: count the rows.
                    plan.projection = [.aggregate(.count, nil, distinct: false)]
                } else if question.aggregate == .min, question.lowered.contains("maximum") || question.lowered.contains("max ") {
                    plan.projection = [.aggregate(.min, measure.ref, distinct: false), .aggregate(.max, measure.ref, distinct: false)]
                } else {
                    plan.projection = [.aggregate(aggregate, measure.ref, distinct: false)]
                }
            }
            if groupColumn != nil {
                plan.groupBy = groupColumns
                plan.projection.insert(contentsOf: groupColumns.map(QueryPlan.Projection.column), at: 0)
                if let topN = question.topN, let descending = question.ranksDescending {
                    plan.orderBy = (plan.projection[groupColumns.count], descending)
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
