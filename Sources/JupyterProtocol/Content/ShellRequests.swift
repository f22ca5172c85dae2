import JSON

// The content of the requests a kernel answers on shell and control, with the spec's defaults for optional fields.

/// `execute_request`: run code.
public struct ExecuteRequest: MessageContent, Equatable {
    public var code: String
    public var silent: Bool
    /// False whenever `silent` is: a silent request never enters history, whatever it says.
    public var storeHistory: Bool
    /// Expressions to evaluate after the code, by name.
    public var userExpressions: [String: String]
    public var allowStdin: Bool
    public var stopOnError: Bool
    public var messageType: String { "execute_request" }

    public init(code: String, silent: Bool = false, storeHistory: Bool = true, userExpressions: [String: String] = [:],
                allowStdin: Bool = true, stopOnError: Bool = true) {
        self.code = code
        self.silent = silent
        self.storeHistory = !silent && storeHistory
        self.userExpressions = userExpressions
        self.allowStdin = allowStdin
        self.stopOnError = stopOnError
    }

    enum CodingKeys: String, CodingKey {
        case code, silent, storeHistory = "store_history", userExpressions = "user_expressions"
        case allowStdin = "allow_stdin", stopOnError = "stop_on_error"
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try fields.decode(String.self, forKey: .code), silent: try fields.value(.silent, or: false),
                  storeHistory: try fields.value(.storeHistory, or: true),
                  userExpressions: try fields.value(.userExpressions, or: [:]),
                  allowStdin: try fields.value(.allowStdin, or: true), stopOnError: try fields.value(.stopOnError, or: true))
    }
}

/// `complete_request`: completions at the cursor (a Unicode scalar offset; the end of the code when absent).
public struct CompleteRequest: MessageContent, Equatable {
    public var code: String
    public var cursorPos: Int
    public var messageType: String { "complete_request" }

    enum CodingKeys: String, CodingKey { case code, cursorPos = "cursor_pos" }

    public init(code: String, cursorPos: Int? = nil) {
        self.code = code
        self.cursorPos = cursorPos ?? code.unicodeScalars.count
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try fields.decode(String.self, forKey: .code),
                  cursorPos: try fields.decodeIfPresent(Int.self, forKey: .cursorPos))
    }
}

/// `inspect_request`: what is known of the name at the cursor.
public struct InspectRequest: MessageContent, Equatable {
    public var code: String
    public var cursorPos: Int
    /// 0 or 1 (IPython's `?` and `??`).
    public var detailLevel: Int
    public var messageType: String { "inspect_request" }

    enum CodingKeys: String, CodingKey { case code, cursorPos = "cursor_pos", detailLevel = "detail_level" }

    public init(code: String, cursorPos: Int? = nil, detailLevel: Int = 0) {
        self.code = code
        self.cursorPos = cursorPos ?? code.unicodeScalars.count
        self.detailLevel = detailLevel
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try fields.decode(String.self, forKey: .code),
                  cursorPos: try fields.decodeIfPresent(Int.self, forKey: .cursorPos),
                  detailLevel: try fields.value(.detailLevel, or: 0))
    }
}

/// `is_complete_request`: whether the code is ready to run.
public struct IsCompleteRequest: MessageContent, Equatable {
    public var code: String
    public var messageType: String { "is_complete_request" }

    public init(code: String) { self.code = code }
}

/// `history_request`: earlier inputs (and outputs) by tail, range or glob search.
public struct HistoryRequest: MessageContent, Equatable {
    public enum Access: String, Codable, Sendable, CaseIterable {
        case tail, range, search

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let access = Self(rawValue: text) else {
                let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "should be one of \(names), not \"\(text)\"")
            }
            self = access
        }
    }

    public var access: Access
    /// Include each entry's output beside its input.
    public var output: Bool
    /// Session number for `range`: positive names a session, 0 is this one, negative counts back from it.
    public var session: Int
    public var start: Int
    public var stop: Int?
    /// How many entries, for `tail` and `search`.
    public var n: Int?
    public var pattern: String
    public var unique: Bool
    public var messageType: String { "history_request" }

    enum CodingKeys: String, CodingKey { case access = "hist_access_type", output, session, start, stop, n, pattern, unique }

    public init(access: Access, output: Bool = false, session: Int = 0, start: Int = 1, stop: Int? = nil, n: Int? = nil,
                pattern: String = "*", unique: Bool = false) {
        self.access = access
        self.output = output
        self.session = session
        self.start = start
        self.stop = stop
        self.n = n
        self.pattern = pattern
        self.unique = unique
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(access: try fields.decode(Access.self, forKey: .access), output: try fields.value(.output, or: false),
                  session: try fields.value(.session, or: 0), start: try fields.value(.start, or: 1),
                  stop: try fields.decodeIfPresent(Int.self, forKey: .stop), n: try fields.decodeIfPresent(Int.self, forKey: .n),
                  pattern: try fields.value(.pattern, or: "*"), unique: try fields.value(.unique, or: false))
    }
}

/// `comm_info_request`: the open comms, optionally of one target.
public struct CommInfoRequest: MessageContent, Equatable {
    public var targetName: String?
    public var messageType: String { "comm_info_request" }

    enum CodingKeys: String, CodingKey { case targetName = "target_name" }

    public init(targetName: String? = nil) { self.targetName = targetName }
}

/// `comm_open`: a frontend opens a comm to a target.
public struct CommOpen: MessageContent, Equatable {
    public var commID: String
    public var targetName: String
    public var data: [String: JSONValue]
    public var messageType: String { "comm_open" }

    enum CodingKeys: String, CodingKey { case commID = "comm_id", targetName = "target_name", data }

    public init(commID: String, targetName: String, data: [String: JSONValue] = [:]) {
        self.commID = commID
        self.targetName = targetName
        self.data = data
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(commID: try fields.decode(String.self, forKey: .commID),
                  targetName: try fields.decode(String.self, forKey: .targetName), data: try fields.value(.data, or: [:]))
    }
}

/// `comm_msg` or `comm_close`: data for an open comm, or its closing.
public struct CommMessage: MessageContent, Equatable {
    public var commID: String
    public var data: [String: JSONValue]
    /// True for `comm_close`.
    public var closes: Bool
    public var messageType: String { closes ? "comm_close" : "comm_msg" }

    enum CodingKeys: String, CodingKey { case commID = "comm_id", data }

    public init(commID: String, data: [String: JSONValue] = [:], closes: Bool) {
        self.commID = commID
        self.data = data
        self.closes = closes
    }

    /// Decodes as `comm_msg`; `KernelRequest` sets `closes` from the message type.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        self.init(commID: try fields.decode(String.self, forKey: .commID), data: try fields.value(.data, or: [:]), closes: false)
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode(commID, forKey: .commID)
        try fields.encode(data, forKey: .data)
    }
}

/// `shutdown_request` (and its reply, which echoes `restart`).
public struct ShutdownRequest: MessageContent, Equatable {
    public var restart: Bool
    public var messageType: String { "shutdown_request" }

    public init(restart: Bool = false) { self.restart = restart }

    public init(from decoder: any Decoder) throws {
        restart = try decoder.container(keyedBy: CodingKeys.self).value(.restart, or: false)
    }
}

/// `input_reply` on stdin: the line the user typed.
public struct InputReply: MessageContent, Equatable {
    public var value: String
    public var messageType: String { "input_reply" }

    public init(value: String) { self.value = value }
}
