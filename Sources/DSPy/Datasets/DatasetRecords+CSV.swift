import JSON

extension DatasetRecords {
    /// Reads CSV (RFC 4180: a header row, quoted fields may hold commas, quotes and newlines).
    ///
    /// Like the pandas reader behind DSPy's `from_csv`, a column whose cells all read as integers becomes integers,
    /// one whose cells all read as numbers becomes floats, and empty cells become null.
    public static func csv(_ text: String, source: String) throws(DatasetError) -> DatasetRecords {
        let table = try parseCSV(text, source: source)
        guard let header = table.first else { return DatasetRecords(columns: [], rows: []) }
        let body = Array(table.dropFirst())
        for cells in body where cells.cells.count != header.cells.count {
            throw DatasetError(source: source, row: cells.line,
                               reason: .wrongColumnCount(expected: header.cells.count, found: cells.cells.count))
        }
        let kinds = header.cells.indices.map { column in columnKind(body.map { $0.cells[column] }) }
        let rows = body.map { record in
            Dictionary(uniqueKeysWithValues: header.cells.indices.map { column in
                (header.cells[column], typed(record.cells[column], as: kinds[column]))
            })
        }
        return DatasetRecords(columns: header.cells, rows: rows)
    }

    private enum ColumnKind { case integer, number, text }

    private static func columnKind(_ cells: [String]) -> ColumnKind {
        let present = cells.filter { !$0.isEmpty }
        if present.isEmpty { return .text }
        if present.allSatisfy({ Int($0) != nil }) { return .integer }
        if present.allSatisfy({ Double($0) != nil }) { return .number }
        return .text
    }

    private static func typed(_ cell: String, as kind: ColumnKind) -> JSONValue {
        if cell.isEmpty { return .null }
        switch kind {
        case .integer: return Int(cell).map(JSONValue.int) ?? .string(cell)
        case .number: return Double(cell).map(JSONValue.double) ?? .string(cell)
        case .text: return .string(cell)
        }
    }

    private struct CSVRecord {
        var cells: [String]
        var line: Int
    }

    private static func parseCSV(_ text: String, source: String) throws(DatasetError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var characters = Array(text.unicodeScalars)[...]
        var atRecordStart = true
        while let scalar = characters.popFirst() {
            if inQuotes {
                if scalar == "\"" {
                    if characters.first == "\"" { cell.unicodeScalars.append("\""); characters.removeFirst() } else { inQuotes = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where cell.isEmpty:
                inQuotes = true
                atRecordStart = false
            case ",":
                cells.append(cell)
                cell = ""
                atRecordStart = false
            case "\r" where characters.first == "\n":
                continue
            case "\n":
                if !atRecordStart || !cell.isEmpty || !cells.isEmpty {
                    cells.append(cell)
                    records.append(CSVRecord(cells: cells, line: recordLine))
                }
                cells = []
                cell = ""
                line += 1
                recordLine = line
                atRecordStart = true
            default:
                cell.unicodeScalars.append(scalar)
                atRecordStart = false
            }
        }
        if inQuotes {
            throw DatasetError(source: source, row: recordLine, reason: .malformed("unterminated quoted field"))
        }
        if !atRecordStart || !cell.isEmpty || !cells.isEmpty {
            cells.append(cell)
            records.append(CSVRecord(cells: cells, line: recordLine))
        }
        return records
    }
}
