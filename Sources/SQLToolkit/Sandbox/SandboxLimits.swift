/// The budgets one statement gets in a `SQLSandbox`.
///
/// Time and work are both bounded: wall time catches anything slow, the instruction budget makes the stop
/// deterministic for runaway queries (recursive-CTE bombs, huge cross joins) even on a loaded machine.
///
/// A statement that runs out of time is interrupted at its deadline (by the `StatementWatchdog`) and stops after the
/// SQLite instruction running at that moment, and the sandbox keeps every instruction short: sorts spill in runs of a few
/// megabytes, each sorted in its own step; values are at most `maxValueLength` bytes, LIKE patterns at most
/// `SQLSandbox.maxLikePatternLength`, `trim()` sets at most `StatementGuard.maxTrimCharacters` (the slowest
/// instructions left, `instr()`/`replace()`/LIKE on the longest values, take well under 0.1 s of CPU).
public struct SandboxLimits: Sendable, Equatable {
    /// Wall-clock time one statement may run.
    public var timeBudget: Duration
    /// SQLite virtual-machine instructions one statement may execute.
    public var instructionBudget: Int
    /// Rows a query may return.
    public var rowBudget: Int
    /// Bytes SQLite may hold for the sandbox: its databases (the context's tables included, temporary tables and
    /// files too) and its running statement's sorters and values, counted on the threads that run its statements,
    /// so sandboxes on other threads never count. The allocation that would pass it fails and stops the statement.
    public var memoryBudget: Int
    /// The largest string or blob a value may hold, in bytes.
    public var maxValueLength: Int32
    /// The longest SQL text accepted, in bytes.
    public var maxSQLLength: Int32

    /// Budgets; each defaults to `standard`'s value.
    public init(
        timeBudget: Duration = .seconds(2), instructionBudget: Int = 50_000_000, rowBudget: Int = 10_000,
        memoryBudget: Int = 64 << 20, maxValueLength: Int32 = 64 << 10, maxSQLLength: Int32 = 1 << 20
    ) {
        self.timeBudget = timeBudget
        self.instructionBudget = instructionBudget
        self.rowBudget = rowBudget
        self.memoryBudget = memoryBudget
        self.maxValueLength = maxValueLength
        self.maxSQLLength = maxSQLLength
    }

    /// The defaults: 2 s, 50 M instructions, 10,000 rows, 64 MiB, 64 KiB values, 1 MiB SQL text.
    public static let standard = SandboxLimits()
}
