import Foundation

/// The structure of a demo's SQL — aggregate, grouping, ranking, distinctness — without its names or values,
/// so it can be carried over to a new schema and question.
struct QueryShape: Sendable, Hashable {
    var aggregate: Question.Aggregate?
    var countsDistinct = false
    var grouped = false
    var descending: Bool?
    var limit: Int?
    var distinct = false
    var selectsStar = false

    init(sql: String) {
        let upper = sql.uppercased()
        let selectList = upper.range(of: " FROM ").map { String(upper[..<$0.lowerBound]) } ?? upper
        aggregate = Question.Aggregate.allCases
            .compactMap { function in selectList.range(of: "\(function.rawValue)\\s*\\(", options: .regularExpression).map { ($0.lowerBound, function) } }
            .min { $0.0 < $1.0 }?.1
        countsDistinct = selectList.range(of: #"COUNT\s*\(\s*DISTINCT"#, options: .regularExpression) != nil
        grouped = upper.contains("GROUP BY")
        if let order = upper.range(of: "ORDER BY") {
            let tail = upper[order.upperBound...]
            let end = tail.range(of: "LIMIT")?.lowerBound ?? tail.endIndex
            descending = tail[..<end].contains("DESC")
        }
        if let range = upper.range(of: #"LIMIT\s+\d+"#, options: .regularExpression) {
            limit = Int(upper[range].split(separator: " ").last ?? "")
        }
        distinct = selectList.hasPrefix("SELECT DISTINCT")
        selectsStar = selectList.trimmingCharacters(in: .whitespaces) == "SELECT *"
    }

    /// What two shapes must share to count as the same structure (the LIMIT's value aside).
    var signature: String {
        "\(aggregate?.rawValue ?? "-") \(countsDistinct) \(grouped) \(descending.map(String.init) ?? "-") "
            + "\(limit != nil) \(distinct) \(selectsStar)"
    }

    /// The question with the intent this shape shows in place of what the rules read from the wording.
    func guide(_ question: Question) -> Question {
        var guided = question
        guided.aggregate = aggregate
        guided.distinct = distinct || countsDistinct
        guided.ranksDescending = descending ?? (aggregate == .max ? true : aggregate == .min ? false : nil)
        guided.topN = limit.map { question.topN ?? $0 }
        return guided
    }

    /// Adjusts a plan written for the guided question to this shape's grouping and projection.
    func adjust(_ plan: inout QueryPlan, writer: RuleWriter) {
        guard case .select = plan.verb else { return }
        if grouped, plan.groupBy.isEmpty, let primary = writer.primaryTable() {
            let used = Set(plan.filters.map(\.column))
            if let label = writer.labelColumn(in: [primary], excluding: used) {
                plan.groupBy = [label]
                plan.projection.insert(.column(label), at: 0)
            }
        } else if !grouped, !plan.groupBy.isEmpty {
            let grouped = Set(plan.groupBy)
            plan.groupBy = []
            plan.projection.removeAll { if case .column(let ref) = $0 { grouped.contains(ref) } else { false } }
            if plan.projection.isEmpty { plan.projection = [.star] }
        }
        if selectsStar, aggregate == nil { plan.projection = [.star] }
        if limit == nil, writer.question.topN == nil { plan.limit = nil }
    }
}
