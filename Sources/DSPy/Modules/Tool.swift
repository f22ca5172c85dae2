import JSON

/// A function a `ReAct` agent (or a model through native function calling) may call, with the name, description
/// and argument schemas the model sees (DSPy's `dspy.Tool`).
///
/// From a Swift function whose arguments are a `Codable` struct (names, types and, through `SchemaDescribed`,
/// descriptions come from it); the function may be `async`:
/// ```swift
/// struct CityArgs: Codable, SchemaDescribed {
///     var city: String
///     static let fieldDescriptions = ["city": "The city's name"]
/// }
/// let weather = Tool("get_weather", desc: "Current weather in a city.", timeout: 10) { (args: CityArgs) in
///     "The weather in \(args.city) is sunny."
/// }
/// ```
/// or from a closure over JSON arguments declared by type:
/// ```swift
/// let weather = Tool("get_weather", desc: "Current weather in a city.", args: ["city": .string]) { args in
///     .string("The weather in \(args["city"] ?? "") is sunny.")
/// }
/// ```
public struct Tool: Sendable {
    /// One argument: its name, type, JSON schema (DSPy's `tool.args[name]`) and whether the model must give it.
    public struct Argument: Sendable, Hashable {
        public let name: String
        public let type: FieldType
        public let schema: JSONValue
        public let isRequired: Bool

        public init(name: String, type: FieldType, schema: JSONValue, isRequired: Bool) {
            self.name = name
            self.type = type
            self.schema = schema
            self.isRequired = isRequired
        }
    }

    public let name: String
    public let desc: String?
    /// The arguments, in order.
    public let arguments: [Argument]
    /// Seconds a call may take before it is abandoned with `ToolError.timedOut`; `nil` waits as long as it takes.
    public let timeout: Double?
    private let function: @Sendable ([String: JSONValue]) async throws -> JSONValue
    /// Whether `function` only wraps a synchronous closure, which then runs on the caller's thread.
    private let synchronous: (@Sendable ([String: JSONValue]) throws -> JSONValue)?

    /// Argument names and types, in order.
    public var args: [(name: String, type: FieldType)] { arguments.map { ($0.name, $0.type) } }

    /// A tool over JSON arguments of the given types.
    public init(
        _ name: String, desc: String? = nil, args: KeyValuePairs<String, FieldType> = [:], timeout: Double? = nil,
        _ function: @escaping @Sendable ([String: JSONValue]) throws -> JSONValue
    ) {
        self.init(name: name, desc: desc, arguments: args.map { argument in
            Argument(name: argument.key, type: argument.value, schema: argument.value.schema,
                     isRequired: !argument.value.allowsNone)
        }, timeout: timeout, function: function, synchronous: function)
    }

    /// A tool over JSON arguments with the given schemas, as an MCP server describes them; the function runs on
    /// the caller's thread (on a thread of its own with a timeout).
    public init(
        _ name: String, desc: String?, arguments: [Argument], timeout: Double? = nil,
        _ function: @escaping @Sendable ([String: JSONValue]) throws -> JSONValue
    ) {
        self.init(name: name, desc: desc, arguments: arguments, timeout: timeout, function: function, synchronous: function)
    }

    /// A tool from a Swift function whose arguments are the stored properties of `Arguments` (a `Codable` struct):
    /// the model's JSON arguments are decoded into it, and the function's result encoded back as the observation.
    /// A type that is not a struct of named properties stops the program naming it (a programming error).
    public init<Arguments: Decodable & Sendable, Output: Encodable & Sendable>(
        _ name: String, desc: String? = nil, timeout: Double? = nil,
        _ function: @escaping @Sendable (Arguments) async throws -> Output
    ) {
        self.init(name: name, desc: desc, arguments: Self.arguments(of: Arguments.self, tool: name), timeout: timeout, function: { values in
            try JSONValue(encoding: try await function(Self.decode(values, as: Arguments.self, tool: name)))
        }, synchronous: nil)
    }

    /// The same from a synchronous function, which then runs on the caller's thread (on a thread of its own with
    /// a timeout).
    public init<Arguments: Decodable & Sendable, Output: Encodable & Sendable>(
        _ name: String, desc: String? = nil, timeout: Double? = nil,
        _ function: @escaping @Sendable (Arguments) throws -> Output
    ) {
        let call: @Sendable ([String: JSONValue]) throws -> JSONValue = { values in
            try JSONValue(encoding: try function(Self.decode(values, as: Arguments.self, tool: name)))
        }
        self.init(name: name, desc: desc, arguments: Self.arguments(of: Arguments.self, tool: name), timeout: timeout,
                  function: call, synchronous: call)
    }

    /// The stored properties of `Arguments` as arguments; a type that is not a struct of named properties stops
    /// the program naming it (a programming error).
    private static func arguments<Arguments: Decodable>(of type: Arguments.Type, tool name: String) -> [Argument] {
        guard case .object(let model)? = try? FieldType(describing: Arguments.self) else {
            fatalError("Tool(\"\(name)\"): the arguments type \(Arguments.self) must be a Codable struct of named properties")
        }
        return model.properties.map { property in
            Argument(name: property.name, type: property.type, schema: argumentSchema(property), isRequired: property.isRequired)
        }
    }

    private static func decode<Arguments: Decodable>(_ values: [String: JSONValue], as type: Arguments.Type, tool name: String) throws -> Arguments {
        do {
            return try JSONValue.object(values).decode(as: Arguments.self)
        } catch {
            throw ToolError.invalidArguments(tool: name, reason: "\(error)")
        }
    }

    private init(
        name: String, desc: String?, arguments: [Argument], timeout: Double?,
        function: @escaping @Sendable ([String: JSONValue]) async throws -> JSONValue,
        synchronous: (@Sendable ([String: JSONValue]) throws -> JSONValue)?
    ) {
        self.name = name
        self.desc = desc
        self.arguments = arguments
        self.timeout = timeout
        self.function = function
        self.synchronous = synchronous
    }

    /// DSPy's schema of one argument: its type's schema with `$ref`s resolved, its description, and `default: None`
    /// for an optional one.
    private static func argumentSchema(_ property: ObjectSchema.Property) -> JSONValue {
        var definitions: [String: JSONValue] = [:]
        var schema = property.type.schema(definitions: &definitions, isRoot: true).resolvingReferences(in: definitions)
        if let description = property.description { schema = schema.setting("description", .string(description)) }
        if !property.isRequired { schema = schema.setting("default", .null) }
        return schema
    }

    /// Calls the function with `arguments`, waiting at most `timeout` seconds; an async function, or one with a
    /// timeout, runs apart from the caller's thread so that an interrupt or the timeout ends the wait.
    ///
    /// - Throws: `ToolError` naming the argument that is unknown or missing, `ToolError.timedOut`, or the
    ///   function's own error.
    public func callAsFunction(_ arguments: [String: JSONValue]) throws -> JSONValue {
        let checked = try validated(arguments)
        if let synchronous {
            if timeout == nil { return try synchronous(checked) }
            let call: @Sendable () throws -> JSONValue = { try synchronous(checked) }
            return try ToolExecution.run(tool: name, timeout: timeout, synchronous: call) { try call() }
        }
        let function = self.function
        return try ToolExecution.run(tool: name, timeout: timeout) { try await function(checked) }
    }

    /// Calls the function with `arguments` from async code.
    public func acall(_ arguments: [String: JSONValue]) async throws -> JSONValue {
        let checked = try validated(arguments)
        guard let timeout else { return try await function(checked) }
        return try await ToolExecution.run(tool: name, timeout: timeout) { [function] in try await function(checked) }
    }

    private func validated(_ arguments: [String: JSONValue]) throws -> [String: JSONValue] {
        for key in arguments.keys.sorted() {
            guard let argument = self.arguments.first(where: { $0.name == key }) else {
                throw ToolError.unknownArgument(tool: name, argument: key)
            }
            // As DSPy: checked against the argument's schema when it names a type.
            if argument.schema["type"] != nil, let violation = JSONSchemaCheck.violation(of: argument.schema, by: arguments[key]!) {
                throw ToolError.invalidArgument(tool: name, argument: key, reason: violation)
            }
        }
        var coerced: [String: JSONValue] = [:]
        for argument in self.arguments {
            guard let value = arguments[argument.name] else {
                if !argument.isRequired || argument.type.allowsNone { continue }
                throw ToolError.missingArgument(tool: name, argument: argument.name)
            }
            coerced[argument.name] = argument.type == .string ? value : ((try? ValueParsing.coerce(value, to: argument.type)) ?? value)
        }
        return coerced
    }

    /// The tool as a signature's `Tool` field takes it: name, description and each argument's schema, in order
    /// (`{"name", "desc", "args": [[name, schema], ...]}`).
    public var json: JSONValue {
        ["name": .string(name), "desc": desc.map(JSONValue.string) ?? .null,
         "args": .array(arguments.map { [.string($0.name), $0.schema] })]
    }

    /// How DSPy lists the tool in ReAct's instructions:
    /// `name, whose description is <desc>...</desc>. It takes arguments {...}.`
    public var promptDescription: String { Self.promptDescription(json) }

    /// `str(tool)` of a tool's `json`.
    static func promptDescription(_ tool: JSONValue) -> String {
        let description = tool["desc"]?.stringValue.map { ", whose description is <desc>\($0)</desc>.".replacingOccurrences(of: "\n", with: "  ") } ?? "."
        let schemas = "{" + argumentSchemas(tool).map { "'\($0.name)': " + pythonRepr($0.schema) }.joined(separator: ", ") + "}"
        return "\(tool["name"]?.stringValue ?? "")\(description) It takes arguments \(schemas)."
    }

    /// DSPy's `format_as_litellm_function_call` of a tool's `json`: an OpenAI `tools` entry, the arguments without
    /// a default required.
    static func functionCall(_ tool: JSONValue) -> JSONValue {
        let arguments = argumentSchemas(tool)
        let properties = Dictionary(arguments.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        let required = arguments.filter { $0.schema["default"] == nil }.map { JSONValue.string($0.name) }
        return ["type": "function", "function": [
            "name": tool["name"] ?? "", "description": tool["desc"] ?? .null,
            "parameters": ["type": "object", "properties": .object(properties), "required": .array(required)],
        ]]
    }

    /// The `[name, schema]` pairs of a tool's `json`, in order.
    private static func argumentSchemas(_ tool: JSONValue) -> [(name: String, schema: JSONValue)] {
        (tool["args"]?.arrayValue ?? []).compactMap { pair in
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue else { return nil }
            return (name, items[1])
        }
    }

    /// Python's `repr` of a schema dict, its `type` first as pydantic writes it for scalars.
    private static func pythonRepr(_ value: JSONValue) -> String {
        switch value {
        case .object(let members):
            let keys = members.keys.sorted { ($0 == "type" ? 0 : 1, $0) < ($1 == "type" ? 0 : 1, $1) }
            return "{" + keys.map { JSONValue.pythonStringRepr($0) + ": " + pythonRepr(members[$0]!) }.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(pythonRepr).joined(separator: ", ") + "]"
        default: return value.pythonRepr
        }
    }
}

/// A tool call the model asked for that does not fit the tool, or a tool that did not answer in time.
public enum ToolError: Error, Equatable, CustomStringConvertible {
    case unknownTool(String, available: [String])
    case unknownArgument(tool: String, argument: String)
    case missingArgument(tool: String, argument: String)
    /// An argument that does not fit its JSON schema.
    case invalidArgument(tool: String, argument: String, reason: String)
    /// The arguments do not decode into the tool's argument type.
    case invalidArguments(tool: String, reason: String)
    /// The tool ran longer than its timeout and was abandoned.
    case timedOut(tool: String, seconds: Double)

    public var description: String {
        switch self {
        case .unknownTool(let name, let available):
            "Unknown tool '\(name)'; the tools are: \(available.joined(separator: ", "))."
        case .unknownArgument(_, let argument): "Arg \(argument) is not in the tool's args."
        case .invalidArgument(_, let argument, let reason): "Arg \(argument) is invalid: \(reason)"
        case .missingArgument(let tool, let argument): "Tool '\(tool)' needs the argument '\(argument)'."
        case .invalidArguments(let tool, let reason): "Tool '\(tool)' cannot read its arguments: \(reason)"
        case .timedOut(let tool, let seconds): "Tool '\(tool)' did not finish within \(seconds) s and was abandoned."
        }
    }
}
