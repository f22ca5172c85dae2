import SQLSyntax
import SQLite

/// A fresh in-memory SQLite database built from a dataset context, that runs untrusted SQL one statement at a
/// time under the `SandboxPolicy` and the `SandboxLimits`.
///
/// Nothing touches the disk: the database, its temporary tables and its sorter spill all live in memory, the
/// connection's VFS refuses to open any file, and the policy denies every statement or function that could try.
/// A sandbox is meant for one thread at a time (build one per example; they are cheap).
///
/// ```swift
/// let sandbox = try SQLSandbox(context: sample.sqlContext)
/// let result = try sandbox.run("SELECT name FROM employees WHERE salary > 50000")
/// ```
public final class SQLSandbox {
    /// What happened to each statement of the context.
    public internal(set) var loadReport = LoadReport()
    /// The budgets each statement gets.
    public let limits: SandboxLimits

    let connection: Connection
    let monitor: SandboxMonitor
    var attachedSchemas: Set<String> = []
    /// The last statement `run` compiled as written, kept for a run of the same text (as Python's sqlite3 keeps a
    /// cache of statements): grading often runs a prediction that is the gold query, word for word.
    private var lastRun: (sql: [UInt8], statement: Statement)?

    /// Creates a sandbox whose database holds `context` (CREATE TABLE, INSERT, ... statements).
    ///
    /// Context statements run under the same policy and budgets as queries; those that fail do not stop loading
    /// and are listed in `loadReport`.
    /// - Throws: `SandboxError.sqlite` when SQLite cannot open or configure an in-memory database.
    public init(context: String = "", limits: SandboxLimits = .standard) throws(SandboxError) {
        self.limits = limits
        monitor = SandboxMonitor(limits: limits)
        do {
            connection = try Connection(.memoryWithoutFiles)
            try configure()
        } catch {
            throw Self.wrap(error)
        }
        load(context)
    }

    private func configure() throws {
        guard SQLiteMemory.isCountingPerThread else {
            throw SQLiteError(code: 21 /* SQLITE_MISUSE */, message: "SQLite was initialized before the SQLite module "
                + "could count its memory per thread, so the memory budget cannot hold")
        }
        try connection.setOption(.defensive, enabled: true)
        try connection.setOption(.loadExtension, enabled: false)
        try connection.setOption(.trustedSchema, enabled: false)
        try connection.setOption(.writableSchema, enabled: false)
        connection.setLimit(.length, to: limits.maxValueLength)
        connection.setLimit(.sqlLength, to: limits.maxSQLLength)
        connection.setLimit(.attached, to: 10)
        connection.setLimit(.triggerDepth, to: 50)
        // LIKE and GLOB compare each position of the text with the pattern, within one instruction.
        connection.setLimit(.likePatternLength, to: Self.maxLikePatternLength)
        // Sorter threads would allocate on threads whose memory the budget does not count.
        connection.setLimit(.workerThreads, to: 0)
        let monitor = monitor
        try monitor.trusted {
            // Temporary files live in memory (the connection opens no file). Sorters spill to them in runs of
            // about the cache size, each sorted in one short step, rather than sorting everything in one long step
            // as they do when temp_store = MEMORY.
            try connection.execute("PRAGMA temp_store = FILE")
        }
        connection.setAuthorizer(consulting: SandboxPolicy.consultedActions) { request in monitor.authorize(request) }
        connection.setProgressHandler(every: SandboxMonitor.checkInterval) { monitor.shouldStop() }
    }

    /// The longest LIKE or GLOB pattern, in bytes: with values of `SandboxLimits.standard`'s length, a match
    /// stays well under a tenth of a second.
    static let maxLikePatternLength: Int32 = 1_000

    /// Runs one untrusted statement and returns its result.
    ///
    /// The statement runs as written; when SQLite rejects it, its MySQL/PostgreSQL spellings are translated
    /// (`DialectTranslator`) and the translation is tried once.
    /// - Throws: `SandboxError`: `.denied` with the reason, a budget that ran out, `.multipleStatements`,
    ///   `.emptyStatement`, or `.sqlite` with SQLite's message.
    public func run(_ sql: String) throws(SandboxError) -> QueryResult {
        let bytes = Array(sql.utf8)
        let asWritten = try monitor.guarding(connection) { () throws(SandboxError) -> QueryResult? in
            let kept = lastRun.flatMap { $0.sql == bytes ? $0.statement : nil }
            guard let statement = kept ?? prepareSingle(bytes) else { return nil }
            lastRun = (bytes, statement)
            return try collect(statement, rewrites: [])
        }
        if let asWritten { return asWritten }
        let statements = SQLStatementSplitter.split(sql)
        guard let tokens = statements.first else { throw .emptyStatement }
        guard statements.count == 1 else { throw .multipleStatements(statements.count) }
        return try execute(tokens)
    }

    /// The common case without the lexer: `sql` is one statement that SQLite compiles as written and that
    /// `StatementGuard` has no reason to inspect. Nil sends the caller down the careful path, which explains any
    /// refusal.
    private func prepareSingle(_ sql: [UInt8]) -> Statement? {
        guard !StatementGuard.mayConcern(sql[...]) else { return nil }
        guard let (statement, next) = try? Statement.prepareFirst(connection, utf8: sql, from: 0), let statement else { return nil }
        // A second statement, even one that does not compile, is for the careful path to refuse.
        if next < sql.count {
            do {
                if try Statement.prepareFirst(connection, utf8: sql, from: next).statement != nil { return nil }
            } catch {
                return nil
            }
        }
        return statement
    }

    /// Runs one statement's tokens: as written, then translated if SQLite rejects the original.
    func execute(_ tokens: [SQLToken]) throws(SandboxError) -> QueryResult {
        try StatementGuard.check(tokens)
        let original = SQLStatementSplitter.text(of: tokens)
        do {
            return try execute(original, rewrites: [])
        } catch let error where Self.mayTranslate(error) {
            let translation = DialectTranslator.translate(tokens)
            guard !translation.rewrites.isEmpty, translation.sql != original else { throw error }
            do {
                return try execute(translation.sql, rewrites: translation.rewrites)
            } catch .sqlite(let code, let message) {
                let rewrites = translation.rewrites.joined(separator: ", ")
                throw .sqlite(code: code, message: "\(error); after rewriting \(rewrites): \(message)")
            }
        }
    }

    private static func mayTranslate(_ error: SandboxError) -> Bool {
        if case .sqlite = error { return true }
        return false
    }

    func execute(_ sql: String, rewrites: [String]) throws(SandboxError) -> QueryResult {
        try monitor.guarding(connection) { () throws(SandboxError) in
            let statement: Statement
            do {
                statement = try connection.prepare(sql)
            } catch {
                throw classify(error)
            }
            return try collect(statement, rewrites: rewrites)
        }
    }

    /// Steps a prepared statement to its end under the row budget (inside the monitor's `guarding`), then rewinds it.
    func collect(_ statement: Statement, rewrites: [String]) throws(SandboxError) -> QueryResult {
        defer { statement.reset() }
        do {
            let columns = statement.columnNames
            var rows: [[SQLiteValue]] = []
            while try statement.step() {
                guard rows.count < limits.rowBudget else { throw SandboxError.rowBudgetExceeded(limits.rowBudget) }
                rows.append(statement.row())
            }
            let isReadOnly = statement.isReadOnly
            return QueryResult(columns: columns, rows: rows, changes: isReadOnly ? 0 : connection.changes,
                               isReadOnly: isReadOnly, rewrites: rewrites)
        } catch {
            throw classify(error)
        }
    }

    /// Turns a SQLite failure into the sandbox's reason: a denial, a budget, or SQLite's own message.
    func classify(_ error: any Error) -> SandboxError {
        if let sandboxError = error as? SandboxError { return sandboxError }
        guard let sqliteError = error as? SQLiteError else { return Self.wrap(error) }
        let primary = sqliteError.code & 0xff
        if primary == 23 /* SQLITE_AUTH */ || sqliteError.message.contains("not authorized") {
            return .denied(reason: monitor.denial ?? sqliteError.message)
        }
        if sqliteError.isInterrupt, let stop = monitor.stop { return stop }
        if primary == 18 /* SQLITE_TOOBIG */ { return .memoryBudgetExceeded("a value longer than \(limits.maxValueLength) bytes") }
        if primary == 7 /* SQLITE_NOMEM */ || sqliteError.code == 3082 /* SQLITE_IOERR_NOMEM */ {
            return .memoryBudgetExceeded("the sandbox would hold more than \(limits.memoryBudget) bytes")
        }
        return .sqlite(code: sqliteError.code, message: sqliteError.message)
    }

    static func wrap(_ error: any Error) -> SandboxError {
        if let error = error as? SandboxError { return error }
        if let error = error as? SQLiteError { return .sqlite(code: error.code, message: error.message) }
        return .sqlite(code: 1, message: String(describing: error))
    }
}
