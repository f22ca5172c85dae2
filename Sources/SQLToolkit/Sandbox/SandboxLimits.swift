/// The budgets one statement gets in a `SQLSandbox`.
///
/// Time and work are both bounded: wall time catches anything slow, the instruction budget makes the stop
/// deterministic for runaway queries (recursive-CTE bombs, huge cross joins) even on a loaded machine.
public struct SandboxLimits: Sendable, Equatable {
    /// Wall-clock time one statement may run.
    public var timeBudget: Duration
    /// SQLite virtual-machine instructions one statement may execute.
    public var instructionBudget: Int
    /// Rows a query may return.
    public var rowBudget: Int
    /// Bytes the database and the statement's working memory may grow to (pages of the in-memory database, plus
    /// SQLite's allocations made while the statement runs).
    public var memoryBudget: Int
    /// The largest string or blob a value may hold, in bytes.
    public var maxValueLength: Int32
    /// The longest SQL text accepted, in bytes.
    public var maxSQLLength: Int32

    public init(
        timeBudget: Duration = .seconds(2), instructionBudget: Int = 50_000_000, rowBudget: Int = 10_000,
        memoryBudget: Int = 64 << 20, maxValueLength: Int32 = 1 << 20, maxSQLLength: Int32 = 1 << 20
    ) {
        self.timeBudget = timeBudget
        self.instructionBudget = instructionBudget
        self.rowBudget = rowBudget
        self.memoryBudget = memoryBudget
        self.maxValueLength = maxValueLength
        self.maxSQLLength = maxSQLLength
    }

    /// The defaults: 2 s, 50 M instructions, 10,000 rows, 64 MiB, 1 MiB values and SQL text.
    public static let standard = SandboxLimits()
}
