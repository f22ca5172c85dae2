import SQLite

/// A fresh in-memory SQLite database built from a dataset context, that runs untrusted SQL one statement at a
/// time under the `SandboxPolicy` and the `SandboxLimits`.
///
/// Nothing touches the disk: the database, its temporary tables and its sorter spill all live in memory, and the
/// policy denies every statement or function that could open a file. A sandbox is meant for one thread at a time
/// (build one per example; they are cheap).
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

    /// Creates a sandbox whose database holds `context` (CREATE TABLE, INSERT, ... statements).
    ///
    /// Context statements run under the same policy and budgets as queries; those that fail do not stop loading
    /// and are listed in `loadReport`.
    /// - Throws: `SandboxError.sqlite` when SQLite cannot open or configure an in-memory database.
    public init(context: String = "", limits: SandboxLimits = .standard) throws(SandboxError) {
        self.limits = limits
        monitor = SandboxMonitor(limits: limits)
        do {
            connection = try Connection(.memory)
            try configure()
        } catch {
            throw Self.wrap(error)
        }
        load(context)
    }

    private func configure() throws {
        try connection.setOption(.defensive, enabled: true)
        try connection.setOption(.loadExtension, enabled: false)
        try connection.setOption(.trustedSchema, enabled: false)
        try connection.setOption(.writableSchema, enabled: false)
        connection.setLimit(.length, to: limits.maxValueLength)
        connection.setLimit(.sqlLength, to: limits.maxSQLLength)
        connection.setLimit(.attached, to: 10)
        connection.setLimit(.triggerDepth, to: 50)
        let monitor = monitor
        try monitor.trusted {
            // Sorters and temporary tables would otherwise spill to temporary files.
            try connection.execute("PRAGMA temp_store = MEMORY; PRAGMA main.max_page_count = \(maxPages)")
        }
        connection.setAuthorizer { request in monitor.authorize(request) }
        connection.setProgressHandler(every: SandboxMonitor.checkInterval) { [unowned connection] in
            monitor.shouldStop(databaseBytes: connection.cacheMemoryUsed)
        }
    }

    /// Database pages allowed by the memory budget (SQLite's default page is 4 KiB).
    var maxPages: Int { max(limits.memoryBudget / 4096, 16) }

    /// Runs one untrusted statement and returns its result.
    ///
    /// The statement runs as written; when SQLite rejects it, its MySQL/PostgreSQL spellings are translated
    /// (`DialectTranslator`) and the translation is tried once.
    /// - Throws: `SandboxError`: `.denied` with the reason, a budget that ran out, `.multipleStatements`,
    ///   `.emptyStatement`, or `.sqlite` with SQLite's message.
    public func run(_ sql: String) throws(SandboxError) -> QueryResult {
        let statements = SQLStatementSplitter.split(sql)
        guard let tokens = statements.first else { throw .emptyStatement }
        guard statements.count == 1 else { throw .multipleStatements(statements.count) }
        return try execute(tokens)
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
        monitor.arm()
        do {
            let statement = try connection.prepare(sql)
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
    private func classify(_ error: any Error) -> SandboxError {
        if let sandboxError = error as? SandboxError { return sandboxError }
        guard let sqliteError = error as? SQLiteError else { return Self.wrap(error) }
        let primary = sqliteError.code & 0xff
        if primary == 23 /* SQLITE_AUTH */ || sqliteError.message.contains("not authorized") {
            return .denied(reason: monitor.denial ?? sqliteError.message)
        }
        if sqliteError.isInterrupt, let stop = monitor.stop { return stop }
        if primary == 18 /* SQLITE_TOOBIG */ { return .memoryBudgetExceeded("a value longer than \(limits.maxValueLength) bytes") }
        if primary == 7 /* SQLITE_NOMEM */ { return .memoryBudgetExceeded("SQLite ran out of memory") }
        if primary == 13 /* SQLITE_FULL */ { return .memoryBudgetExceeded("database larger than \(limits.memoryBudget) bytes") }
        return .sqlite(code: sqliteError.code, message: sqliteError.message)
    }

    static func wrap(_ error: any Error) -> SandboxError {
        if let error = error as? SandboxError { return error }
        if let error = error as? SQLiteError { return .sqlite(code: error.code, message: error.message) }
        return .sqlite(code: 1, message: String(describing: error))
    }
}
