import Foundation
import JSON

/// Rows read from a data file: the columns in file order, and each row's values by column.
public struct DatasetRecords: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String: JSONValue]]

    public init(columns: [String], rows: [[String: JSONValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Keeps only `fields`, in that order; every row must have each of them.
    /// - Throws: `DatasetError` naming the source, the row and the missing field.
    public func selecting(_ fields: [String], source: String) throws(DatasetError) -> DatasetRecords {
        for (index, row) in rows.enumerated() {
            if let missing = fields.first(where: { row[$0] == nil }) {
                throw DatasetError(source: source, row: index + 1, reason: .missingField(missing))
            }
        }
        return DatasetRecords(columns: fields, rows: rows.map { row in row.filter { fields.contains($0.key) } })
    }
}

extension DatasetRecords {
    /// Reads JSON Lines: one object per non-blank line.
    public static func jsonLines(_ text: String, source: String) throws(DatasetError) -> DatasetRecords {
        var columns = OrderedColumns()
        var rows: [[String: JSONValue]] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let value: JSONValue
            do { value = try JSONValue(parsing: Data(trimmed.utf8)) } catch {
                throw DatasetError(source: source, row: index + 1, reason: .malformed("not valid JSON"))
            }
            guard let object = value.objectValue else {
                throw DatasetError(source: source, row: index + 1, reason: .notAnObject)
            }
            columns.add(keysInTextOrder(trimmed, of: object))
            rows.append(object)
        }
        return DatasetRecords(columns: columns.names, rows: rows)
    }

    /// Reads a JSON array of objects (or, like Hugging Face's JSON loader, JSON Lines).
    public static func json(_ text: String, source: String) throws(DatasetError) -> DatasetRecords {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("[") else { return try jsonLines(text, source: source) }
        let value: JSONValue
        do { value = try JSONValue(parsing: Data(trimmed.utf8)) } catch {
            throw DatasetError(source: source, reason: .malformed(
                "not valid JSON" + (syntaxErrorLocation(in: text).map { " (\($0))" } ?? "")))
        }
        var columns = OrderedColumns()
        var rows: [[String: JSONValue]] = []
        for (index, element) in (value.arrayValue ?? []).enumerated() {
            guard let object = element.objectValue else {
                throw DatasetError(source: source, row: index + 1, reason: .notAnObject)
            }
            columns.add(object.keys.sorted())
            rows.append(object)
        }
        return DatasetRecords(columns: columns.names, rows: rows)
    }

    /// Reads a data file by its extension: `.jsonl`, `.json` or `.csv`.
    public static func file(_ url: URL) throws(DatasetError) -> DatasetRecords {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DatasetError(source: url.path, reason: .unreadable(error.localizedDescription))
        }
        switch url.pathExtension.lowercased() {
        case "csv": return try csv(text, source: url.path)
        case "json": return try json(text, source: url.path)
        default: return try jsonLines(text, source: url.path)
        }
    }

    /// Where JSON text stops being valid, as "line L, column C" (1-based), from `JSONSerialization`'s
    /// "around character N" (a UTF-8 offset).
    static func syntaxErrorLocation(in text: String) -> String? {
        let bytes = Data(text.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: bytes, options: .fragmentsAllowed)
            return nil
        } catch {
            guard let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String,
                  let match = detail.firstMatch(of: /character (\d+)/), let offset = Int(match.1)
            else { return nil }
            let before = bytes.prefix(offset)
            let line = before.filter { $0 == 10 }.count + 1
            let column = before.count - (before.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
            return "line \(line), column \(column)"
        }
    }

    /// The keys of a JSON object in the order they appear in its text, since `JSONValue` objects are unordered.
    static func keysInTextOrder(_ text: String, of object: [String: JSONValue]) -> [String] {
        let keys = Array(object.keys)
        func position(_ key: String) -> String.Index {
            let encoded = JSONValue.string(key).serialized()
            return text.range(of: encoded + ":")?.lowerBound ?? text.range(of: encoded)?.lowerBound ?? text.endIndex
        }
        return keys.sorted { position($0) < position($1) }
    }
}

/// Column names in first-seen order.
struct OrderedColumns {
    private(set) var names: [String] = []
    private var seen: Set<String> = []

    mutating func add(_ keys: [String]) {
        for key in keys where seen.insert(key).inserted { names.append(key) }
    }
}
