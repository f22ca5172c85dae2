import DSPy
import JSON

extension SampleData {
    /// The built-in examples as DSPy `Example`s with the study's fields (`sql_prompt`, `sql_context`, `sql`, plus
    /// `domain` and `sql_complexity`), `sql_prompt` and `sql_context` marked as inputs.
    /// - Throws: as `text2sqlRecords()`.
    public static func text2sql() throws -> [Example] {
        try text2sqlRecords().map(\.example)
    }
}

extension Text2SQLRecord {
    /// The record as a DSPy `Example` with `sql_prompt` and `sql_context` as inputs (the id is left out).
    public var example: Example {
        var fields: [(String, JSONValue)] = [("sql_prompt", .string(sqlPrompt)), ("sql_context", .string(sqlContext)), ("sql", .string(sql))]
        if let domain { fields.append(("domain", .string(domain))) }
        if let sqlComplexity { fields.append(("sql_complexity", .string(sqlComplexity))) }
        return Example(fields: fields).withInputs("sql_prompt", "sql_context")
    }
}
