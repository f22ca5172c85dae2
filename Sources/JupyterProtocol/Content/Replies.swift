import JSON

// The content of the replies a kernel sends on shell and control.

/// `execute_reply`: ok with the execution count, error with the exception, or aborted (stop_on_error).
public struct ExecuteReply: MessageContent, Equatable {
    public enum Status: String, Codable, Sendable { case ok, error, aborted }

    public var status: Status
    public var executionCount: Int?
    /// Pager pages and other payloads (ok only).
    public var payload: [JSONValue]
    /// The evaluated user expressions, as mime bundles (ok only).
    public var userExpressions: [String: JSONValue]
    /// The exception (error only).
    public var error: ErrorContent?
    public var messageType: String { "execute_reply" }

    /// The cell ran.
    public static func ok(executionCount: Int, payload: [JSONValue] = [], userExpressions: [String: JSONValue] = [:]) -> Self {
        Self(status: .ok, executionCount: executionCount, payload: payload, userExpressions: userExpressions)
    }

    /// The cell failed, or its request could not be read.
    public static func error(executionCount: Int, _ error: ErrorContent) -> Self {
        Self(status: .error, executionCount: executionCount, payload: [], userExpressions: [:], error: error)
    }

    /// Not run: an earlier cell failed with `stop_on_error`.
    public static let aborted = Self(status: .aborted, payload: [], userExpressions: [:])

    enum CodingKeys: String, CodingKey {
        case status, executionCount = "execution_count", payload, userExpressions = "user_expressions"
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        let status = try fields.decode(Status.self, forKey: .status)
        self.init(status: status, executionCount: try fields.decodeIfPresent(Int.self, forKey: .executionCount),
                  payload: try fields.value(.payload, or: []), userExpressions: try fields.value(.userExpressions, or: [:]),
                  error: status == .error ? try ErrorContent(from: decoder) : nil)
    }

    private init(status: Status, executionCount: Int? = nil, payload: [JSONValue], userExpressions: [String: JSONValue],
                 error: ErrorContent? = nil) {
        self.status = status
        self.executionCount = executionCount
        self.payload = payload
        self.userExpressions = userExpressions
        self.error = error
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode(status, forKey: .status)
        guard status != .aborted else { return }
        try fields.encodeIfPresent(executionCount, forKey: .executionCount)
        try fields.encode(payload, forKey: .payload)
        try fields.encode(userExpressions, forKey: .userExpressions)
        try error?.encode(to: encoder)
    }
}

/// An error reply to any request other than `execute_request` (whose reply is `ExecuteReply.error`).
public struct ErrorReply: MessageContent, Equatable {
    public var messageType: String
    public var error: ErrorContent

    /// - Parameter messageType: the reply's type, e.g. `complete_reply`.
    public init(messageType: String, _ error: ErrorContent) {
        self.messageType = messageType
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case status }

    public init(from decoder: any Decoder) throws {
        self.init(messageType: "", try ErrorContent(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode("error", forKey: .status)
        try error.encode(to: encoder)
    }
}

/// `kernel_info_reply`.
public struct KernelInfoReply: MessageContent, Equatable {
    /// `language_info`.
    public struct Language: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
        public var mimetype: String
        public var fileExtension: String
        public var pygmentsLexer: String
        public var codemirrorMode: String

        enum CodingKeys: String, CodingKey {
            case name, version, mimetype, fileExtension = "file_extension", pygmentsLexer = "pygments_lexer"
            case codemirrorMode = "codemirror_mode"
        }

        public init(name: String, version: String, mimetype: String, fileExtension: String, pygmentsLexer: String,
                    codemirrorMode: String) {
            self.name = name
            self.version = version
            self.mimetype = mimetype
            self.fileExtension = fileExtension
            self.pygmentsLexer = pygmentsLexer
            self.codemirrorMode = codemirrorMode
        }
    }

    /// An entry of a frontend's Help menu.
    public struct HelpLink: Codable, Sendable, Equatable {
        public var text: String
        public var url: String

        public init(text: String, url: String) {
            self.text = text
            self.url = url
        }
    }

    public var status = "ok"
    public var protocolVersion: String
    public var implementation: String
    public var implementationVersion: String
    public var languageInfo: Language
    public var banner: String
    public var debugger = false
    public var helpLinks: [HelpLink]
    public var messageType: String { "kernel_info_reply" }

    enum CodingKeys: String, CodingKey {
        case status, protocolVersion = "protocol_version", implementation, implementationVersion = "implementation_version"
        case languageInfo = "language_info", banner, debugger, helpLinks = "help_links"
    }

    public init(protocolVersion: String = JupyterProtocol.protocolVersion, implementation: String,
                implementationVersion: String, languageInfo: Language, banner: String, helpLinks: [HelpLink]) {
        self.protocolVersion = protocolVersion
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.languageInfo = languageInfo
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

/// `complete_reply`.
public struct CompleteReply: MessageContent, Equatable {
    public var status = "ok"
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int
    public var metadata: [String: JSONValue]
    public var messageType: String { "complete_reply" }

    enum CodingKeys: String, CodingKey { case status, matches, cursorStart = "cursor_start", cursorEnd = "cursor_end", metadata }

    public init(matches: [String], cursorStart: Int, cursorEnd: Int, metadata: [String: JSONValue] = [:]) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
        self.metadata = metadata
    }
}

/// `inspect_reply`: a mime bundle when something is known of the name.
public struct InspectReply: MessageContent, Equatable {
    public var status = "ok"
    public var found: Bool
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue] = [:]
    public var messageType: String { "inspect_reply" }

    public init(data: [String: JSONValue]?) {
        found = data != nil
        self.data = data ?? [:]
    }
}

/// `is_complete_reply`.
public struct IsCompleteReply: MessageContent, Equatable {
    public enum Status: String, Codable, Sendable { case complete, incomplete, invalid, unknown }

    public var status: Status
    /// What to indent the next line with (incomplete only).
    public var indent: String?
    public var messageType: String { "is_complete_reply" }

    public init(status: Status, indent: String? = nil) {
        self.status = status
        self.indent = indent
    }
}

/// `history_reply`: entries as `[session, line, input]`, or `[session, line, [input, output]]` with output.
public struct HistoryReply: MessageContent, Equatable {
    public var status = "ok"
    public var history: [JSONValue]
    public var messageType: String { "history_reply" }

    public init(history: [JSONValue]) { self.history = history }
}

/// `comm_info_reply`: the open comms by id.
public struct CommInfoReply: MessageContent, Equatable {
    public var status = "ok"
    public var comms: [String: JSONValue]
    public var messageType: String { "comm_info_reply" }

    public init(comms: [String: JSONValue] = [:]) { self.comms = comms }
}

/// `interrupt_reply`.
public struct InterruptReply: MessageContent, Equatable {
    public var status = "ok"
    public var messageType: String { "interrupt_reply" }

    public init() {}
}

/// `shutdown_reply`, on the request's channel and on IOPub.
public struct ShutdownReply: MessageContent, Equatable {
    public var status = "ok"
    public var restart: Bool
    public var messageType: String { "shutdown_reply" }

    public init(restart: Bool) { self.restart = restart }
}
