import JSON

/// The tool calls a model asked for (DSPy's `dspy.ToolCalls`): the value of a `ToolCalls` output field, from the
/// completion's text or, with native function calling, from the reply's `tool_calls`.
public struct ToolCalls: Hashable, Sendable {
    /// One call: the tool's name, its arguments, and the provider's call id when native function calling gave one.
    public struct ToolCall: Hashable, Sendable {
        public var id: String?
        public var name: String
        public var args: [String: JSONValue]

        public init(id: String? = nil, name: String, args: [String: JSONValue]) {
            self.id = id
            self.name = name
            self.args = args
        }

        /// Runs the call with the tool of its name among `tools`.
        ///
        /// - Throws: `ToolError.unknownTool`, or what the tool throws.
        public func execute(_ tools: [Tool]) throws -> JSONValue {
            guard let tool = tools.first(where: { $0.name == name }) else {
                throw ToolError.unknownTool(name, available: tools.map(\.name))
            }
            return try tool(args)
        }
    }

    public var toolCalls: [ToolCall]

    public init(_ toolCalls: [ToolCall]) {
        self.toolCalls = toolCalls
    }

    /// The calls in a prediction's `ToolCalls` field.
    ///
    /// - Throws: `ValueParsingError` when the value is not tool calls.
    public init(_ value: JSONValue) throws {
        guard let calls = Self.normalized(value)?["tool_calls"]?.arrayValue else {
            throw ValueParsingError(value: value, type: .dspyType(.toolCalls))
        }
        toolCalls = calls.map { call in
            ToolCall(id: call["id"]?.stringValue, name: call["name"]?.stringValue ?? "", args: call["args"]?.objectValue ?? [:])
        }
    }

    /// The field's value: `{"tool_calls": [{"name", "args"}]}` as DSPy formats it, with each call's `id` when known.
    public var json: JSONValue {
        ["tool_calls": .array(toolCalls.map { call in
            var members: [String: JSONValue] = ["name": .string(call.name), "args": .object(call.args)]
            if let id = call.id { members["id"] = .string(id) }
            return .object(members)
        })]
    }

    /// DSPy's `ToolCalls.validate_input`: a list of calls, `{"tool_calls": [...]}` or one call, each call with
    /// `name` and `args` (or `arguments`, or OpenAI's `function`, arguments as a JSON string or object), as
    /// `{"tool_calls": [{"name", "args"}]}`; `nil` for anything else.
    static func normalized(_ value: JSONValue) -> JSONValue? {
        let items: [JSONValue]
        if let list = value.arrayValue, list.allSatisfy(isCall) {
            items = list
        } else if let list = value["tool_calls"]?.arrayValue {
            items = list
        } else if value.objectValue != nil, isCall(value) {
            items = [value]
        } else {
            return nil
        }
        var calls: [JSONValue] = []
        for item in items {
            guard let call = normalizedCall(item) else { return nil }
            calls.append(call)
        }
        return ["tool_calls": .array(calls)]
    }

    private static func isCall(_ value: JSONValue) -> Bool {
        guard let members = value.objectValue else { return false }
        return members["name"] != nil && (members["args"] != nil || members["arguments"] != nil) || members["function"] != nil
    }

    private static func normalizedCall(_ item: JSONValue) -> JSONValue? {
        guard item.objectValue != nil else { return nil }
        let function = item["function"]
        guard let name = (function?["name"] ?? item["name"])?.stringValue else { return nil }
        var arguments = function.map { $0["arguments"] ?? [:] } ?? item["args"] ?? item["arguments"] ?? [:]
        if case .string(let text) = arguments { arguments = LenientJSON.repair(text) ?? [:] }
        var call: [String: JSONValue] = ["name": .string(name), "args": .object(arguments.objectValue ?? [:])]
        if let id = (item["id"] ?? item["call_id"])?.stringValue { call["id"] = .string(id) }
        return .object(call)
    }
}
