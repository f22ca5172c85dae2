import CSQLite

/// An error reported by SQLite, with its result code and message.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// SQLite's primary or extended result code.
    public let code: Int32
    /// SQLite's message, or a description of the call that failed.
    public let message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "SQLite error \(code): \(message)" }

    /// True when a statement was stopped by an interrupt or the progress handler.
    public var isInterrupt: Bool { code & 0xff == SQLITE_INTERRUPT }
}
