import JSON

/// The seam between a kernel and the language behind it.
///
/// The kernel core owns message handling, execution counting, busy/idle and publishing; an interpreter
/// only runs code and answers questions about it. Calls arrive on the shell thread, one at a time,
/// except `interrupt()`, which arrives on the control thread while `execute` runs.
public protocol Interpreter: AnyObject, Sendable {
    /// What `kernel_info_reply` says of the language.
    var languageInfo: LanguageInfo { get }
    /// The banner shown by consoles.
    var banner: String { get }

    /// Runs one cell, sending its outputs to `output` as they happen; returns when the cell is done.
    func execute(_ request: ExecutionRequest, output: any ExecutionOutput) -> ExecutionOutcome
    /// Completions for the code at the cursor (a Unicode scalar offset, as the protocol counts).
    func complete(code: String, cursor: Int) -> CompletionResult
    /// A mime bundle describing the name at the cursor, or nil when nothing is known.
    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle?
    /// Whether the code is ready to run.
    func isComplete(code: String) -> CodeCompleteness
    /// Stops the running cell as soon as possible; called from another thread.
    func interrupt()
    /// Releases everything; with `restart`, the interpreter is ready for a new session afterwards.
    func shutdown(restart: Bool)
}

/// A mime bundle: mime type → content (a string, or JSON for `application/json`).
public typealias MimeBundle = [String: JSONValue]

/// `language_info` in `kernel_info_reply`.
public struct LanguageInfo: Sendable, Equatable {
    public var name: String
    public var version: String
    public var mimetype: String
    public var fileExtension: String
    public var pygmentsLexer: String
    public var codemirrorMode: String

    public init(name: String, version: String, mimetype: String, fileExtension: String,
                pygmentsLexer: String, codemirrorMode: String) {
        self.name = name
        self.version = version
        self.mimetype = mimetype
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
    }
}

/// One `execute_request`, as the interpreter sees it.
public struct ExecutionRequest: Sendable {
    public var code: String
    public var executionCount: Int
    public var silent: Bool
    public var storeHistory: Bool
    public var allowStdin: Bool
    /// Expressions to evaluate after the cell, by name.
    public var userExpressions: [String: String]

    public init(code: String, executionCount: Int, silent: Bool = false, storeHistory: Bool = true,
                allowStdin: Bool = false, userExpressions: [String: String] = [:]) {
        self.code = code
        self.executionCount = executionCount
        self.silent = silent
        self.storeHistory = storeHistory
        self.allowStdin = allowStdin
        self.userExpressions = userExpressions
    }
}

/// Where a running cell sends what it produces. Safe to call from any thread.
public protocol ExecutionOutput: Sendable {
    /// Text on `stdout` or `stderr`.
    func stream(_ name: StreamName, text: String)
    /// A rich output; with a display id, `update` replaces the earlier output that has it.
    func display(_ data: MimeBundle, metadata: [String: JSONValue], displayID: String?, update: Bool)
    /// Clears the cell's output, now or (with `wait`) when the next output arrives.
    func clearOutput(wait: Bool)
    /// Asks the user for a line of input; nil when the frontend does not allow input.
    func requestInput(prompt: String, password: Bool) -> String?
}

/// The two output streams.
public enum StreamName: String, Sendable { case stdout, stderr }

/// How a cell ended.
public enum ExecutionOutcome: Sendable, Equatable {
    /// Success; `result` is the trailing expression's value (`execute_result`), `payloads` e.g. a pager page,
    /// `userExpressions` the evaluated user expressions as mime bundles.
    case ok(result: MimeBundle?, payloads: [JSONValue] = [], userExpressions: [String: JSONValue] = [:])
    /// Failure, reported as an `error` output and an error reply.
    case error(name: String, value: String, traceback: [String])
}

/// `complete_reply` content.
public struct CompletionResult: Sendable, Equatable {
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int
    /// What each match is, in the order of `matches` (JupyterLab shows it from the reply's
    /// `_jupyter_types_experimental`); empty when the interpreter does not say.
    public var details: [CompletionDetail]
    /// More of the reply's `metadata`.
    public var metadata: [String: JSONValue]

    public init(matches: [String], cursorStart: Int, cursorEnd: Int, details: [CompletionDetail] = [],
                metadata: [String: JSONValue] = [:]) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
        self.details = details
        self.metadata = metadata
    }
}

/// The kind and signature of one completion match.
public struct CompletionDetail: Sendable, Equatable {
    /// IPython's names: `function`, `class`, `instance`, `module`, `keyword`, `param`, `property`, ...
    public var type: String
    /// A function's parameters and result, a variable's type, an argument label's field; may be empty.
    public var signature: String

    public init(type: String, signature: String = "") {
        self.type = type
        self.signature = signature
    }
}

/// `is_complete_reply` status.
public enum CodeCompleteness: Sendable, Equatable {
    case complete
    case incomplete(indent: String)
    case invalid
    case unknown
}
