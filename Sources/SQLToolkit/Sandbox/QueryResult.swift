import SQLite

/// What one statement returned in a `SQLSandbox`.
public struct QueryResult: Sendable, Equatable {
    /// The result's column names as SQLite reports them (aliases included).
    public var columns: [String]
    /// The rows, in the order SQLite produced them.
    public var rows: [[SQLiteValue]]
    /// Rows changed, for INSERT, UPDATE and DELETE.
    public var changes: Int
    /// True when the statement did not write to the database.
    public var isReadOnly: Bool
    /// The dialect rewrites applied before SQLite accepted the statement (empty when it ran as written).
    public var rewrites: [String]

    public init(columns: [String], rows: [[SQLiteValue]], changes: Int = 0, isReadOnly: Bool = true, rewrites: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.changes = changes
        self.isReadOnly = isReadOnly
        self.rewrites = rewrites
    }
}
