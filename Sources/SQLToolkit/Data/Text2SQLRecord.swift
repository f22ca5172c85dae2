import JSON

/// One text-to-SQL example in the fields of `gretelai/synthetic_text_to_sql` (the study's dataset).
public struct Text2SQLRecord: Sendable, Equatable {
    /// The example's id, when the data has one.
    public var id: JSONValue?
    /// The natural-language question.
    public var sqlPrompt: String
    /// The schema and rows the question is about: CREATE TABLE and INSERT statements.
    public var sqlContext: String
    /// The gold query.
    public var sql: String
    /// The subject area (e.g. "healthcare"), when known.
    public var domain: String?
    /// The query's complexity class (e.g. "single join"), when known.
    public var sqlComplexity: String?

    public init(id: JSONValue? = nil, sqlPrompt: String, sqlContext: String, sql: String, domain: String? = nil, sqlComplexity: String? = nil) {
        self.id = id
        self.sqlPrompt = sqlPrompt
        self.sqlContext = sqlContext
        self.sql = sql
        self.domain = domain
        self.sqlComplexity = sqlComplexity
    }

    /// A field the record lacks or holds with the wrong type.
    public struct FieldError: Error, CustomStringConvertible, Sendable {
        public var field: String
        public var line: Int
        public var description: String { "line \(line): field \"\(field)\" is missing or not a string" }
    }

    /// Reads a record from a JSON object with the dataset's field names; `line` (1-based) names it in errors.
    public init(json: JSONValue, line: Int) throws(FieldError) {
        func text(_ field: String) throws(FieldError) -> String {
            guard let value = json[field]?.stringValue else { throw FieldError(field: field, line: line) }
            return value
        }
        self.init(
            id: json["id"], sqlPrompt: try text("sql_prompt"), sqlContext: try text("sql_context"), sql: try text("sql"),
            domain: json["domain"]?.stringValue, sqlComplexity: json["sql_complexity"]?.stringValue)
    }

    /// The record as a JSON object with the dataset's field names.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["sql_prompt": .string(sqlPrompt), "sql_context": .string(sqlContext), "sql": .string(sql)]
        if let id { object["id"] = id }
        if let domain { object["domain"] = .string(domain) }
        if let sqlComplexity { object["sql_complexity"] = .string(sqlComplexity) }
        return .object(object)
    }

    /// Reads every record of a JSON Lines file.
    /// - Throws: `JSONLines.ReadError` or `FieldError`.
    public static func read(path: String) throws -> [Text2SQLRecord] {
        try JSONLines.read(path: path).enumerated().map { index, value in try Text2SQLRecord(json: value, line: index + 1) }
    }
}
