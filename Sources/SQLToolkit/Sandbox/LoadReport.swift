/// What happened to each statement of a context when a `SQLSandbox` loaded it.
public struct LoadReport: Sendable, Equatable {
    /// One statement the loader skipped, rewrote, or could not run.
    public struct Entry: Sendable, Equatable, CustomStringConvertible {
        /// 0-based position of the statement in the context.
        public var statement: Int
        /// The statement's beginning, for messages.
        public var excerpt: String
        /// Why it was skipped or failed, or what was rewritten.
        public var detail: String

        public var description: String { "statement \(statement + 1) (\(excerpt)): \(detail)" }
    }

    /// Statements found in the context.
    public var statements = 0
    /// Statements that ran (as written or rewritten).
    public var loaded = 0
    /// Statements that ran only after a dialect rewrite, with what was rewritten.
    public var rewritten: [Entry] = []
    /// Statements skipped because they mean nothing for a single in-memory database (`USE`, `CREATE DATABASE`, ...).
    public var skipped: [Entry] = []
    /// Statements that failed even after rewriting, with SQLite's reason.
    public var failed: [Entry] = []

    /// True when nothing failed.
    public var isComplete: Bool { failed.isEmpty }
}
