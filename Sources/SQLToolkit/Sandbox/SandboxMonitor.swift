import DSPy
import SQLite
import Synchronization

/// The budgets of the statement a sandbox is running, and why the last statement was denied or stopped.
///
/// Each budget is enforced where it can be exact: the instruction budget by SQLite's progress handler, the time
/// budget by the `StatementWatchdog` (which interrupts the connection), the memory budget by a ceiling on what
/// SQLite allocates on the statement's thread (`SQLiteMemory`), set to what the sandbox has left: its statements'
/// allocations are added up, so the budget covers the sandbox's database and statements together, and sandboxes
/// on other threads never count. SQLite calls the authorizer and the progress handler on the statement's thread and
/// the watchdog runs on its own, so the state sits behind a mutex.
final class SandboxMonitor: Sendable {
    struct State {
        var trusted = false
        var instructions = 0
        var denial: String?
        var stop: SandboxError?
        /// Bytes SQLite holds for the sandbox's statements (their net allocations, the database's pages included).
        var held: Int64 = 0
    }

    let limits: SandboxLimits
    /// How many virtual-machine instructions pass between two progress checks.
    static let checkInterval: Int32 = 1_000
    private let state = Mutex(State())

    init(limits: SandboxLimits) { self.limits = limits }

    /// Runs `body` with the policy and the budgets lifted, for the sandbox's own set-up statements.
    func trusted<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { $0.trusted = true }
        defer { state.withLock { $0.trusted = false } }
        return try body()
    }

    /// Runs the compiling and stepping of one statement on `connection` under fresh budgets.
    func guarding<T, E: Error>(_ connection: Connection, _ body: () throws(E) -> T) throws(E) -> T {
        let (isTrusted, held) = state.withLock { state in
            state.instructions = 0
            state.denial = nil
            state.stop = nil
            return (state.trusted, state.held)
        }
        if isTrusted { return try body() }
        let before = SQLiteMemory.allocatedOnThisThread
        defer { state.withLock { $0.held += SQLiteMemory.allocatedOnThisThread - before } }
        let deadline = ContinuousClock.now + limits.timeBudget
        return try StatementWatchdog.shared.watch(until: deadline, onExpiry: { [self] in expire(connection) }) { () throws(E) in
            try SQLiteMemory.withThreadCeiling(max(Int64(limits.memoryBudget) - held, 0), body)
        }
    }

    private func expire(_ connection: Connection) {
        state.withLock { $0.stop = $0.stop ?? .timeBudgetExceeded(limits.timeBudget) }
        connection.interrupt()
    }

    /// The authorizer: the policy's verdict, remembering the reason of a denial.
    func authorize(_ request: Connection.AuthorizerRequest) -> Connection.AuthorizerVerdict {
        if state.withLock({ $0.trusted }) { return .allow }
        let (verdict, reason) = SandboxPolicy.decide(request)
        if verdict == .deny { state.withLock { $0.denial = $0.denial ?? reason } }
        return verdict
    }

    /// The progress handler: true stops the statement, remembering why (a user interrupt or the instruction budget).
    func shouldStop() -> Bool {
        let interrupted = Interruption.isRequested
        return state.withLock { state in
            if state.trusted { return false }
            state.instructions += Int(Self.checkInterval)
            let stop: SandboxError? =
                if interrupted { .interrupted }
                else if state.instructions > limits.instructionBudget { .instructionBudgetExceeded(limits.instructionBudget) }
                else { nil }
            guard let stop else { return false }
            state.stop = state.stop ?? stop
            return true
        }
    }

    /// Why the last statement was denied, if the authorizer denied something.
    var denial: String? { state.withLock { $0.denial } }

    /// Which budget stopped the last statement, if one did.
    var stop: SandboxError? { state.withLock { $0.stop } }
}
