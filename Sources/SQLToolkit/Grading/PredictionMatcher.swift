import JSON

/// Pairs data records with predictions (`{"id": …, "sql": …}`) by id, or by 0-based line number when the data
/// has no ids; ids compare by their text, so `7` and `"7"` are the same id.
public enum PredictionMatcher {
    /// A prediction line without a usable `id` or `sql`, or an id predicted twice.
    public struct PredictionError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "predictions line \(line): \(reason)" }
    }

    /// One grading item per record, in the records' order; records without a prediction get `predicted == nil`.
    public static func items(records: [Text2SQLRecord], predictions: [JSONValue]) throws(PredictionError) -> [GradingItem] {
        var predicted: [String: String] = [:]
        for (index, prediction) in predictions.enumerated() {
            guard let id = prediction["id"], let key = key(id) else {
                throw PredictionError(line: index + 1, reason: "missing \"id\" (a number or a string)")
            }
            guard let sql = prediction["sql"]?.stringValue else {
                throw PredictionError(line: index + 1, reason: "missing \"sql\" (a string)")
            }
            guard predicted.updateValue(sql, forKey: key) == nil else {
                throw PredictionError(line: index + 1, reason: "id \(key) is predicted more than once")
            }
        }
        return records.enumerated().map { index, record in
            let id = record.id ?? .int(index)
            return GradingItem(id: id, context: record.sqlContext, gold: record.sql, predicted: key(id).flatMap { predicted[$0] })
        }
    }

    static func key(_ id: JSONValue) -> String? {
        switch id {
        case .int(let number): String(number)
        case .string(let text): text
        case .double(let number) where number == number.rounded(): String(Int(number))
        default: nil
        }
    }
}
