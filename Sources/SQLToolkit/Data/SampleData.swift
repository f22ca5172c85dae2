/// The project's own text-to-SQL examples: the notebooks' default data when the real dataset is not available.
///
/// 324 examples in the fields of `gretelai/synthetic_text_to_sql` (`sql_prompt`, `sql_context` with CREATE TABLE
/// and INSERT statements, `sql`, `domain`, `sql_complexity`), across 36 domains and every complexity: basic SQL,
/// aggregation, single join, multiple joins, subqueries, window functions, set operations and data manipulation.
/// Every gold query runs on its own context and returns rows (or changes rows) that plausible wrong variants of
/// it do not reproduce. Written by `scripts/generate_text2sql_sample.py`.
public enum SampleData {
    /// The examples as records, in a fixed order (ids 1...324).
    /// - Throws: `JSONLines.ReadError` or `Text2SQLRecord.FieldError` if the embedded data were damaged.
    public static func text2sqlRecords() throws -> [Text2SQLRecord] {
        try JSONLines.parse(text2sqlJSONLines, file: "SampleData.text2sql").enumerated().map { index, value in
            try Text2SQLRecord(json: value, line: index + 1)
        }
    }
}
