import CSQLite

/// A prepared statement; finalized when released.
public final class Statement {
    let handle: OpaquePointer
    private let connection: Connection

    init(connection: Connection, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw connection.error(code)
        }
        self.connection = connection
        self.handle = statement
    }

    /// Compiles the first statement of the UTF-8 text `sql` that starts at byte `offset`.
    ///
    /// `statement` is nil when only whitespace or comments remain; `next` is the byte offset just past the
    /// compiled statement, where the following one starts (SQLite's own splitting, so `;` inside strings, comments
    /// and trigger bodies is handled).
    /// - Throws: `SQLiteError` when the first statement does not compile.
    public static func prepareFirst(_ connection: Connection, utf8 sql: [UInt8], from offset: Int) throws -> (statement: Statement?, next: Int) {
        try sql.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, offset < buffer.count else { return (nil, buffer.count) }
            let start = UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self)
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(connection.handle, start, Int32(buffer.count - offset), &statement, &tail)
            guard code == SQLITE_OK else { throw connection.error(code) }
            let next = tail.map { offset + (UnsafeRawPointer($0) - UnsafeRawPointer(start)) } ?? buffer.count
            return (statement.map { Statement(connection: connection, handle: $0) }, next)
        }
    }

    private init(connection: Connection, handle: OpaquePointer) {
        self.connection = connection
        self.handle = handle
    }

    deinit { sqlite3_finalize(handle) }

    /// Rewinds the statement so that it can run again (its bindings stay), and ends its read of the database.
    public func reset() { sqlite3_reset(handle) }

    /// The column names of the result.
    public var columnNames: [String] {
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// True when the statement does not write to the database.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Binds values to the statement's parameters, in order (1-based in SQLite).
    public func bind(_ values: [SQLiteValue]) throws {
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, position)
            case .integer(let number): code = sqlite3_bind_int64(handle, position, number)
            case .real(let number): code = sqlite3_bind_double(handle, position, number)
            case .text(let text): code = sqlite3_bind_text(handle, position, text, -1, csqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(handle, position, $0.baseAddress, Int32($0.count), csqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw connection.error(code) }
        }
    }

    /// Advances to the next row; returns false when the statement is done.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(code)
        }
    }

    /// The current row's values.
    public func row() -> [SQLiteValue] {
        (0..<sqlite3_column_count(handle)).map(value(at:))
    }

    private func value(at column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, column)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}
