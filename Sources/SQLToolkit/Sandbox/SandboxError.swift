/// Why a `SQLSandbox` refused or stopped a statement.
public enum SandboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The statement asked for something the sandbox never allows (ATTACH, file access, load_extension, ...).
    case denied(reason: String)
    /// The statement ran past its wall-clock budget.
    case timeBudgetExceeded(Duration)
    /// The statement executed more virtual-machine instructions than its budget.
    case instructionBudgetExceeded(Int)
    /// The query returned more rows than its budget.
    case rowBudgetExceeded(Int)
    /// The statement grew memory past its budget, or built a value larger than the value limit.
    case memoryBudgetExceeded(String)
    /// The text held no statement.
    case emptyStatement
    /// The text held more than one statement; the sandbox runs exactly one.
    case multipleStatements(Int)
    /// SQLite rejected or failed the statement (syntax error, missing table, constraint, ...).
    case sqlite(code: Int32, message: String)
    /// The user interrupted the work.
    case interrupted

    public var description: String {
        switch self {
        case .denied(let reason): "denied: \(reason)"
        case .timeBudgetExceeded(let budget): "stopped: time budget of \(budget) exceeded"
        case .instructionBudgetExceeded(let budget): "stopped: instruction budget of \(budget) exceeded"
        case .rowBudgetExceeded(let budget): "stopped: more than \(budget) rows"
        case .memoryBudgetExceeded(let detail): "stopped: memory budget exceeded (\(detail))"
        case .emptyStatement: "no SQL statement"
        case .multipleStatements(let count): "\(count) statements; exactly one is allowed"
        case .sqlite(_, let message): message
        case .interrupted: "interrupted by the user"
        }
    }

    /// True when the statement was refused or stopped by the sandbox rather than failing on its own.
    public var isSandboxStop: Bool {
        switch self {
        case .sqlite, .emptyStatement: false
        default: true
        }
    }
}
