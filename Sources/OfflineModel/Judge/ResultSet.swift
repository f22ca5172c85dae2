import SQLite

/// Query results compared the way execution accuracy compares them: as multisets of rows, numbers rounded.
struct ResultSet: Equatable {
    let rows: [[String]]

    init(_ rows: [[SQLiteValue]]) {
        self.rows = rows.map { row in
            row.map { value in
                switch value {
                case .integer(let number): return String(Double(number))
                case .real(let number): return String((number * 10_000).rounded() / 10_000)
                case .text(let text): return Double(text).map { String(($0 * 10_000).rounded() / 10_000) } ?? text
                case .null: return "NULL"
                case .blob(let bytes): return bytes.description
                }
            }
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
