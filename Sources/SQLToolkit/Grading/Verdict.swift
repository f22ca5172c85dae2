/// How one predicted query fared against its gold query.
public enum Verdict: Sendable, Equatable, CustomStringConvertible {
    /// The predicted query returned the gold query's result (or left the same database state, for DML).
    case match
    /// Both ran, with different results; `diff` says briefly how.
    case mismatch(diff: String)
    /// The predicted query could not run: SQLite's error, or the sandbox's denial or budget.
    case predError(reason: String)
    /// The gold query itself could not run: excluded from the score and counted apart.
    case goldError(reason: String)

    /// The verdict's name in reports: `match`, `mismatch`, `pred_error` or `gold_error`.
    public var name: String {
        switch self {
        case .match: "match"
        case .mismatch: "mismatch"
        case .predError: "pred_error"
        case .goldError: "gold_error"
        }
    }

    /// The diff or the reason; empty for a match.
    public var detail: String {
        switch self {
        case .match: ""
        case .mismatch(let text), .predError(let text), .goldError(let text): text
        }
    }

    public var isMatch: Bool { self == .match }

    public var description: String { detail.isEmpty ? name : "\(name): \(detail)" }
}
