/// A table of the prompt's context: its columns and the rows the context inserts.
struct Table: Sendable, Hashable {
    var name: String
    var columns: [Column]
    var rows: [[SQLiteValue]]
    var words: [String] { Words.identifierWords(name) }

    func column(named name: String) -> Column? {
        columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The distinct non-null text values of a column.
    func textValues(of column: Column) -> [String] {
        guard let index = columns.firstIndex(of: column) else { return [] }
        var seen = Set<String>()
        var result: [String] = []
        for row in rows where index < row.count {
            if case .text(let value) = row[index], seen.insert(value).inserted { result.append(value) }
        }
        return result
    }
}

import Foundation
import SQLite
