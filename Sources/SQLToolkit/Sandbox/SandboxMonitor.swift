import DSPy
import SQLite
import Synchronization

/// The state the sandbox's SQLite callbacks share: whether the running SQL is trusted, the current statement's
/// budgets, and why the last statement was denied or stopped.
///
/// SQLite calls the authorizer and the progress handler on the thread that prepares or steps the statement, but the
/// callbacks must be `@Sendable`, so the state sits behind a mutex.
final class SandboxMonitor: Sendable {
    struct State {
        var trusted = false
        var deadline = ContinuousClock.now
        var instructions = 0
        var memoryCeiling: Int64 = .max
        var denial: String?
        var stop: SandboxError?
    }

    let limits: SandboxLimits
    /// How many virtual-machine instructions pass between two progress checks.
    static let checkInterval: Int32 = 1_000
    private let state = Mutex(State())

    init(limits: SandboxLimits) { self.limits = limits }

    /// Runs `body` with the policy lifted, for the sandbox's own set-up statements.
    func trusted<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { $0.trusted = true }
        defer { state.withLock { $0.trusted = false } }
        return try body()
    }

    /// Starts the budgets of a new statement.
    func arm() {
        let now = ContinuousClock.now
        let ceiling = SQLiteMemory.used + Int64(limits.memoryBudget)
        state.withLock {
            $0.deadline = now + limits.timeBudget
            $0.instructions = 0
            $0.memoryCeiling = ceiling
            $0.denial = nil
            $0.stop = nil
        }
    }

    /// The authorizer: the policy's verdict, remembering the reason of a denial.
    func authorize(_ request: Connection.AuthorizerRequest) -> Connection.AuthorizerVerdict {
        if state.withLock({ $0.trusted }) { return .allow }
        let (verdict, reason) = SandboxPolicy.decide(request)
        if verdict == .deny { state.withLock { $0.denial = $0.denial ?? reason } }
        return verdict
    }

    /// The progress handler: true stops the statement, remembering which budget ran out.
    func shouldStop(databaseBytes: Int) -> Bool {
        let now = ContinuousClock.now
        let used = SQLiteMemory.used
        let interrupted = Interruption.isRequested
        return state.withLock { state in
            if state.trusted { return false }
            state.instructions += Int(Self.checkInterval)
            let stop: SandboxError? =
                if interrupted { .interrupted }
                else if now > state.deadline { .timeBudgetExceeded(limits.timeBudget) }
                else if state.instructions > limits.instructionBudget { .instructionBudgetExceeded(limits.instructionBudget) }
                else if databaseBytes > limits.memoryBudget { .memoryBudgetExceeded("database holds \(databaseBytes) bytes") }
                else if used > state.memoryCeiling { .memoryBudgetExceeded("SQLite allocated more than \(limits.memoryBudget) bytes") }
                else { nil }
            if let stop { state.stop = stop }
            return stop != nil
        }
    }

    /// Why the last statement was denied, if the authorizer denied something.
    var denial: String? { state.withLock { $0.denial } }

    /// Which budget stopped the last statement, if one did.
    var stop: SandboxError? { state.withLock { $0.stop } }
}
