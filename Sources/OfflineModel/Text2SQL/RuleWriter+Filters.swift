import Foundation

extension RuleWriter {
    /// WHERE conditions from stored values the question names, quoted strings, years, comparisons and flags.
    func filters(primary: Table) -> [QueryPlan.Filter] {
        let match = SchemaMatch(question: question, context: context)
        var filters: [QueryPlan.Filter] = []
        let mentioned = match.mentionedValues()
        for (ref, values) in mentioned {
            let literals = values.map(QueryPlan.literal)
            filters.append(.init(column: ref, condition: literals.count == 1 ? .equals(literals[0]) : .oneOf(literals)))
        }
        let matchedText = mentioned.flatMap(\.values).map { $0.lowercased() }
        let tableWords = Set(context.tables.flatMap(\.words))
        for quoted in question.quoted where !matchedText.contains(quoted.lowercased()) {
            // A quoted table name ("from 'CBS News'" over cbs_news) names the source, not a value.
            if Words.textWords(quoted).allSatisfy(tableWords.contains) { continue }
            let used = Set(filters.map(\.column))
            if let column = match.bestColumn(in: [primary], kinds: [.text], excluding: used) {
                filters.append(.init(column: column.ref, condition: .equals(QueryPlan.literal(quoted))))
            }
        }
        let tables = [primary] + context.tables.filter { $0.name != primary.name }
        let comparedYears = Set(question.comparisons.map(\.value))
        let years = question.years.filter { !comparedYears.contains(Double($0)) }
        if let column = yearColumn(in: tables), !years.isEmpty {
            if years.count > 1, column.column.kind != .date {
                filters.append(.init(column: column, condition: .oneOf(years.map(String.init))))
            } else {
                filters.append(contentsOf: years.prefix(1).map { .init(column: column, condition: .year($0)) })
            }
        }
        for comparison in question.comparisons {
            let nearby = Array(question.words[max(0, comparison.position - 5)..<comparison.position]
                + question.words[(comparison.position + 1)..<min(question.words.count, comparison.position + 3)])
            let isYear = (1900...2100).contains(comparison.value) && comparison.value == comparison.value.rounded()
            let column: QueryPlan.ColumnRef?
            if isYear, let year = yearColumn(in: tables) {
                column = year
            } else {
                column = match.bestColumn(in: tables, kinds: [.number], words: nearby).map(\.ref)
            }
            guard let column else { continue }
            let value = comparison.value == comparison.value.rounded() ? String(Int(comparison.value)) : String(comparison.value)
            if column.column.kind == .date {
                filters.append(.init(column: column, condition: .compare(comparison.comparison, "'\(value)'")))
            } else {
                filters.append(.init(column: column, condition: .compare(comparison.comparison, value)))
            }
        }
        for table in tables {
            for column in table.columns where column.kind == .boolean && match.relevance(column, in: table) >= 0.5 {
                filters.append(.init(column: .init(table: table.name, column: column), condition: .isTrue))
            }
        }
        return filters
    }

    /// A `year` column, else a date column.
    func yearColumn(in tables: [Table]) -> QueryPlan.ColumnRef? {
        for table in tables {
            if let column = table.columns.first(where: { $0.words.contains("year") && $0.kind != .text }) {
                return .init(table: table.name, column: column)
            }
        }
        for table in tables {
            if let column = table.columns.first(where: { $0.kind == .date }) {
                return .init(table: table.name, column: column)
            }
        }
        return nil
    }

    /// Joins every other table the plan refers to, on a column both share or on `<table>_id` = `id`.
    func addJoins(_ plan: inout QueryPlan) {
        let needed = Set(plan.columns.map(\.table)).subtracting([plan.table])
        guard !needed.isEmpty, let primary = context.tables.first(where: { $0.name == plan.table }) else { return }
        var joined = [primary]
        for name in needed.sorted() {
            guard let other = context.tables.first(where: { $0.name == name }) else { continue }
            if let (left, right) = joinKeys(joined, other) {
                plan.joins.append(.init(table: other.name, on: (left, right)))
                joined.append(other)
            } else {
                // No way to join: keep the plan on one table by dropping what referred to the other.
                plan.filters.removeAll { $0.column.table == name }
                plan.groupBy.removeAll { $0.table == name }
                plan.projection.removeAll { projection in
                    switch projection {
                    case .column(let ref): ref.table == name
                    case .aggregate(_, let ref?, _): ref.table == name
                    default: false
                    }
                }
                if plan.projection.isEmpty { plan.projection = [.star] }
                if case .column(let ref)? = plan.orderBy?.projection, ref.table == name { plan.orderBy = nil }
            }
        }
    }

    private func joinKeys(_ joined: [Table], _ other: Table) -> (QueryPlan.ColumnRef, QueryPlan.ColumnRef)? {
        for table in joined {
            for column in table.columns where column.isKey {
                if let shared = other.column(named: column.name), column.name.lowercased() != "id" {
                    return (.init(table: table.name, column: column), .init(table: other.name, column: shared))
                }
            }
        }
        for table in joined {
            let singularTable = Words.singular(table.name.lowercased())
            let singularOther = Words.singular(other.name.lowercased())
            if let id = table.column(named: "id"),
               let foreign = other.columns.first(where: { Words.singular($0.name.lowercased()) == singularTable + "_id" }) {
                return (.init(table: table.name, column: id), .init(table: other.name, column: foreign))
            }
            if let id = other.column(named: "id"),
               let foreign = table.columns.first(where: { Words.singular($0.name.lowercased()) == singularOther + "_id" }) {
                return (.init(table: table.name, column: foreign), .init(table: other.name, column: id))
            }
        }
        return nil
    }

    /// The plan and a few nearby alternatives, for sampling at temperature > 0.
    func variants(of plan: QueryPlan) -> [QueryPlan] {
        var result = [plan]
        if case .aggregate(let function, let ref, let distinct)? = plan.projection.last {
            var swapped = plan
            let other: Question.Aggregate = function == .count ? .sum : .count
            swapped.projection[swapped.projection.count - 1] = .aggregate(other, other == .count ? nil : ref, distinct: distinct)
            if other == .count || ref != nil { result.append(swapped) }
        }
        if !plan.filters.isEmpty {
            var loosened = plan
            loosened.filters.removeLast()
            result.append(loosened)
        }
        var toggled = plan
        toggled.distinct.toggle()
        result.append(toggled)
        var seen = Set<String>()
        return result.filter { seen.insert($0.sql).inserted }
    }
}
