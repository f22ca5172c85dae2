import JSON

// The content of what a kernel publishes on IOPub, and of its input requests on stdin.

/// `status`: the kernel is starting, busy with a request, or idle again.
public struct KernelStatus: MessageContent, Equatable {
    public enum State: String, Codable, Sendable { case starting, busy, idle }

    public var executionState: State
    public var messageType: String { "status" }

    enum CodingKeys: String, CodingKey { case executionState = "execution_state" }

    public init(_ executionState: State) { self.executionState = executionState }
}

/// `execute_input`: the code being run, broadcast to every client.
public struct ExecuteInput: MessageContent, Equatable {
    public var code: String
    public var executionCount: Int
    public var messageType: String { "execute_input" }

    enum CodingKeys: String, CodingKey { case code, executionCount = "execution_count" }

    public init(code: String, executionCount: Int) {
        self.code = code
        self.executionCount = executionCount
    }
}

/// `stream`: text on stdout or stderr.
public struct StreamContent: MessageContent, Equatable {
    /// `stdout` or `stderr`.
    public var name: String
    public var text: String
    public var messageType: String { "stream" }

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// `display_data`, or with `update` `update_display_data`: a rich output, identified by its display id.
public struct DisplayData: MessageContent, Equatable {
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue]
    public var displayID: String?
    /// Replaces the earlier output with the same display id.
    public var update: Bool
    public var messageType: String { update ? "update_display_data" : "display_data" }

    enum CodingKeys: String, CodingKey { case data, metadata, transient }
    enum TransientKeys: String, CodingKey { case displayID = "display_id" }

    public init(data: [String: JSONValue], metadata: [String: JSONValue] = [:], displayID: String? = nil, update: Bool = false) {
        self.data = data
        self.metadata = metadata
        self.displayID = displayID
        self.update = update
    }

    /// Decodes as `display_data`.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        let transient = try fields.decodeIfPresent([String: JSONValue].self, forKey: .transient)
        self.init(data: try fields.decode([String: JSONValue].self, forKey: .data), metadata: try fields.value(.metadata, or: [:]),
                  displayID: transient?["display_id"]?.stringValue)
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode(data, forKey: .data)
        try fields.encode(metadata, forKey: .metadata)
        var transient = fields.nestedContainer(keyedBy: TransientKeys.self, forKey: .transient)
        try transient.encodeIfPresent(displayID, forKey: .displayID)
    }
}

/// `execute_result`: the value of a cell's trailing expression.
public struct ExecuteResult: MessageContent, Equatable {
    public var executionCount: Int
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue]
    public var messageType: String { "execute_result" }

    enum CodingKeys: String, CodingKey { case executionCount = "execution_count", data, metadata }

    public init(executionCount: Int, data: [String: JSONValue], metadata: [String: JSONValue] = [:]) {
        self.executionCount = executionCount
        self.data = data
        self.metadata = metadata
    }
}

/// `error` on IOPub, and the exception fields of error replies.
public struct ErrorContent: MessageContent, Equatable {
    public var ename: String
    public var evalue: String
    public var traceback: [String]
    public var messageType: String { "error" }

    public init(ename: String, evalue: String, traceback: [String] = []) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
    }
}

/// `clear_output`: clear the cell's output now, or (with `wait`) when the next output arrives.
public struct ClearOutput: MessageContent, Equatable {
    public var wait: Bool
    public var messageType: String { "clear_output" }

    public init(wait: Bool) { self.wait = wait }
}

/// `input_request` on stdin: ask the user for a line.
public struct InputRequest: MessageContent, Equatable {
    public var prompt: String
    public var password: Bool
    public var messageType: String { "input_request" }

    public init(prompt: String, password: Bool) {
        self.prompt = prompt
        self.password = password
    }
}
