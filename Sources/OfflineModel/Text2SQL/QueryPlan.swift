/// A query the rules decided on, before it is written as SQL.
struct QueryPlan: Sendable, Hashable {
    struct ColumnRef: Sendable, Hashable {
        var table: String
        var column: Column
    }

    enum Projection: Sendable, Hashable {
        case star
        case column(ColumnRef)
        case aggregate(Question.Aggregate, ColumnRef?, distinct: Bool)
    }

    struct Filter: Sendable, Hashable {
        enum Condition: Sendable, Hashable {
            case equals(String)
            case oneOf([String])
            case like(String)
            case compare(Question.Comparison, String)
            case isTrue
            case year(Int)
        }
        var column: ColumnRef
        var condition: Condition
    }

    struct Join: Sendable, Hashable {
        var table: String
        var on: (left: ColumnRef, right: ColumnRef)
        static func == (a: Join, b: Join) -> Bool { a.table == b.table && a.on.left == b.on.left && a.on.right == b.on.right }
        func hash(into hasher: inout Hasher) { hasher.combine(table); hasher.combine(on.left); hasher.combine(on.right) }
    }

    enum Verb: Sendable, Hashable {
        case select
        case delete
        case update(ColumnRef, String)
        case insert([String])
    }

    var verb: Verb = .select
    var table: String
    var joins: [Join] = []
    var projection: [Projection] = [.star]
    var distinct = false
    var filters: [Filter] = []
    var groupBy: [ColumnRef] = []
    var orderBy: (projection: Projection, descending: Bool)?
    var limit: Int?

    static func == (a: QueryPlan, b: QueryPlan) -> Bool { a.sql == b.sql }
    func hash(into hasher: inout Hasher) { hasher.combine(sql) }

    /// Every column the plan refers to.
    var columns: [ColumnRef] {
        var result: [ColumnRef] = []
        for projection in projection + [orderBy?.projection].compactMap({ $0 }) {
            switch projection {
            case .column(let ref): result.append(ref)
            case .aggregate(_, let ref?, _): result.append(ref)
            default: break
            }
        }
        return result + filters.map(\.column) + groupBy
    }
}

extension QueryPlan {
    /// The plan as SQLite SQL.
    var sql: String {
        let qualify = !joins.isEmpty
        func name(_ ref: ColumnRef) -> String {
            qualify ? "\(identifier(ref.table)).\(identifier(ref.column.name))" : identifier(ref.column.name)
        }
        func render(_ projection: Projection) -> String {
            switch projection {
            case .star: return "*"
            case .column(let ref): return name(ref)
            case .aggregate(let function, let ref, let distinct):
                guard let ref else { return "\(function.rawValue)(*)" }
                return "\(function.rawValue)(\(distinct ? "DISTINCT " : "")\(name(ref)))"
            }
        }
        var whereClause = ""
        if !filters.isEmpty {
            whereClause = " WHERE " + filters.map { filter in
                let column = name(filter.column)
                switch filter.condition {
                case .equals(let value): return "\(column) = \(value)"
                case .oneOf(let values): return "\(column) IN (\(values.joined(separator: ", ")))"
                case .like(let pattern): return "\(column) LIKE \(pattern)"
                case .compare(let comparison, let value): return "\(column) \(comparison.rawValue) \(value)"
                case .isTrue: return "\(column) = TRUE"
                case .year(let year):
                    return filter.column.column.kind == .date ? "strftime('%Y', \(column)) = '\(year)'" : "\(column) = \(year)"
                }
            }.joined(separator: " AND ")
        }
        switch verb {
        case .delete:
            return "DELETE FROM \(identifier(table))\(whereClause)"
        case .update(let ref, let value):
            return "UPDATE \(identifier(table)) SET \(identifier(ref.column.name)) = \(value)\(whereClause)"
        case .insert(let values):
            return "INSERT INTO \(identifier(table)) VALUES (\(values.joined(separator: ", ")))"
        case .select:
            var sql = "SELECT \(distinct ? "DISTINCT " : "")\(projection.map(render).joined(separator: ", "))"
            sql += " FROM \(identifier(table))"
            for join in joins {
                sql += " JOIN \(identifier(join.table)) ON \(name(join.on.left)) = \(name(join.on.right))"
            }
            sql += whereClause
            if !groupBy.isEmpty { sql += " GROUP BY " + groupBy.map(name).joined(separator: ", ") }
            if let orderBy { sql += " ORDER BY \(render(orderBy.projection)) \(orderBy.descending ? "DESC" : "ASC")" }
            if let limit { sql += " LIMIT \(limit)" }
            return sql
        }
    }

    private func identifier(_ name: String) -> String {
        let plain = name.first.map { $0.isLetter || $0 == "_" } == true
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && !Self.reserved.contains(name.uppercased())
        return plain ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let reserved: Set<String> = ["ORDER", "GROUP", "SELECT", "FROM", "WHERE", "TABLE", "INDEX", "KEY",
                                                "VALUES", "LIMIT", "CASE", "END", "TO", "AS", "BY", "IN", "IS", "ON"]

    /// A SQL string literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
