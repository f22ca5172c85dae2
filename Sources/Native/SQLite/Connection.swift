import CSQLite

/// A connection to a SQLite database.
///
/// Connections open in SQLite's serialized threading mode (`SQLITE_OPEN_FULLMUTEX`), so one connection may be
/// shared between threads; that is why it is `@unchecked Sendable`. Statements are not shared.
public final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    private var authorizer: AuthorizerBox?
    private var progressHandler: ProgressBox?

    /// Where a database lives.
    public enum Location: Sendable {
        /// A private database in memory, gone when the connection closes.
        case memory
        /// A private database in memory whose connection opens no file at all: named files are refused, and the
        /// temporary files SQLite uses (sorter runs, temporary tables, statement journals) are kept in memory too,
        /// where they count toward the thread's allocations (`SQLiteMemory`).
        case memoryWithoutFiles
        /// A file on disk, created if missing unless `readOnly`.
        case file(path: String, readOnly: Bool = false)
    }

    /// Opens a connection.
    /// - Throws: `SQLiteError` when the database cannot be opened.
    public init(_ location: Location = .memory) throws {
        _ = SQLiteMemory.isCountingPerThread  // SQLite's allocator is chosen before its first connection
        var db: OpaquePointer?
        let flags: Int32
        let path: String
        var vfs: String?
        switch location {
        case .memory, .memoryWithoutFiles:
            path = ":memory:"
            flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY
            if case .memoryWithoutFiles = location { vfs = try Self.memoryVFS() }
        case .file(let filePath, let readOnly):
            path = filePath
            flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let code = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_NOFOLLOW, vfs)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite3_close_v2(db)
            throw SQLiteError(code: code, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    private static let memoryVFSRegistration = csqlite_register_memory_vfs()

    /// The name of the VFS behind `.memoryWithoutFiles`, registered on first use.
    private static func memoryVFS() throws -> String {
        guard memoryVFSRegistration == SQLITE_OK else {
            throw SQLiteError(code: memoryVFSRegistration, message: "cannot register the \(CSQLITE_MEMORY_VFS_NAME) VFS")
        }
        return CSQLITE_MEMORY_VFS_NAME
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text)
        }
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// Runs one statement with bound values and returns its column names and rows.
    public func query(_ sql: String, _ values: [SQLiteValue] = []) throws -> (columns: [String], rows: [[SQLiteValue]]) {
        let statement = try prepare(sql)
        try statement.bind(values)
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        return (statement.columnNames, rows)
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Stops any running statement on this connection as soon as possible (safe from any thread).
    public func interrupt() { sqlite3_interrupt(handle) }

    /// Sets how long a statement waits for a lock held by another connection.
    public func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    /// Sets one of SQLite's run-time limits (`SQLITE_LIMIT_*`) and returns the previous value.
    @discardableResult
    public func setLimit(_ limit: Limit, to value: Int32) -> Int32 { sqlite3_limit(handle, limit.rawValue, value) }

    func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)))
    }
}

extension Connection {
    /// SQLite's run-time limits that a caller may lower.
    public enum Limit: Int32, Sendable {
        case length = 0, sqlLength = 1, column = 2, expressionDepth = 3, compoundSelect = 4
        case virtualMachineOperations = 5, functionArguments = 6, attached = 7, likePatternLength = 8
        case variableNumber = 9, triggerDepth = 10, workerThreads = 11
    }

    /// What an authorizer says of one action.
    public enum AuthorizerVerdict: Sendable { case allow, deny, ignore }

    /// One action SQLite asks the authorizer about while compiling a statement.
    public struct AuthorizerRequest: Sendable {
        /// The `SQLITE_*` action code (e.g. `SQLITE_ATTACH`, `SQLITE_PRAGMA`, `SQLITE_FUNCTION`).
        public let action: Int32
        /// The action's arguments, as SQLite documents them per action.
        public let arguments: (String?, String?, String?, String?)
    }

    /// Installs a callback consulted for every action of every statement compiled from now on; `nil` removes it.
    public func setAuthorizer(_ callback: (@Sendable (AuthorizerRequest) -> AuthorizerVerdict)?) {
        setAuthorizer(consulting: nil, callback)
    }

    /// Installs a callback consulted only for the action codes in `actions` (all actions when nil); the others are
    /// allowed without calling into Swift, which keeps compiling cheap for the frequent ones (column reads).
    public func setAuthorizer(consulting actions: Set<Int32>?, _ callback: (@Sendable (AuthorizerRequest) -> AuthorizerVerdict)?) {
        guard let callback else {
            sqlite3_set_authorizer(handle, nil, nil)
            authorizer = nil
            return
        }
        let box = AuthorizerBox(callback, actions: actions)
        authorizer = box
        sqlite3_set_authorizer(handle, { context, action, first, second, third, fourth in
            let box = Unmanaged<AuthorizerBox>.fromOpaque(context!).takeUnretainedValue()
            if let actions = box.actions, !actions.contains(action) { return SQLITE_OK }
            let request = AuthorizerRequest(action: action, arguments: (
                first.map { String(cString: $0) }, second.map { String(cString: $0) },
                third.map { String(cString: $0) }, fourth.map { String(cString: $0) }))
            switch box.callback(request) {
            case .allow: return SQLITE_OK
            case .deny: return SQLITE_DENY
            case .ignore: return SQLITE_IGNORE
            }
        }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Calls `shouldStop` every `instructions` virtual-machine steps; returning true aborts the running statement
    /// with `SQLITE_INTERRUPT`. `nil` removes the handler.
    public func setProgressHandler(every instructions: Int32, _ shouldStop: (@Sendable () -> Bool)?) {
        guard let shouldStop else {
            sqlite3_progress_handler(handle, 0, nil, nil)
            progressHandler = nil
            return
        }
        let box = ProgressBox(shouldStop)
        progressHandler = box
        sqlite3_progress_handler(handle, instructions, { context in
            Unmanaged<ProgressBox>.fromOpaque(context!).takeUnretainedValue().shouldStop() ? 1 : 0
        }, Unmanaged.passUnretained(box).toOpaque())
    }
}

private final class AuthorizerBox {
    let callback: @Sendable (Connection.AuthorizerRequest) -> Connection.AuthorizerVerdict
    let actions: Set<Int32>?
    init(_ callback: @escaping @Sendable (Connection.AuthorizerRequest) -> Connection.AuthorizerVerdict, actions: Set<Int32>?) {
        self.callback = callback
        self.actions = actions
    }
}

private final class ProgressBox {
    let shouldStop: @Sendable () -> Bool
    init(_ shouldStop: @escaping @Sendable () -> Bool) { self.shouldStop = shouldStop }
}
