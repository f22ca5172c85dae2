import JSON

/// A Swift function a `ReAct` agent may call, with the name, description and argument types the model sees
/// (DSPy's `dspy.Tool`).
///
/// ```swift
/// let weather = Tool("get_weather", desc: "Current weather in a city.", args: ["city": .string]) { args in
///     .string("The weather in \(args["city"] ?? "") is sunny.")
/// }
/// ```
public struct Tool: Sendable {
    public let name: String
    public let desc: String?
    /// Argument names and types, in order.
    public let args: [(name: String, type: FieldType)]
    private let function: @Sendable ([String: JSONValue]) throws -> JSONValue

    public init(
        _ name: String, desc: String? = nil, args: KeyValuePairs<String, FieldType> = [:],
        _ function: @escaping @Sendable ([String: JSONValue]) throws -> JSONValue
    ) {
        self.name = name
        self.desc = desc
        self.args = args.map { (name: $0.key, type: $0.value) }
        self.function = function
    }

    /// Calls the function with `arguments`.
    ///
    /// - Throws: `ToolError.unknownArgument`/`.missingArgument` naming the argument, or the function's own error.
    public func callAsFunction(_ arguments: [String: JSONValue]) throws -> JSONValue {
        for key in arguments.keys.sorted() where !args.contains(where: { $0.name == key }) {
            throw ToolError.unknownArgument(tool: name, argument: key)
        }
        var coerced: [String: JSONValue] = [:]
        for arg in args {
            guard let value = arguments[arg.name] else {
                if arg.type.allowsNone { continue }
                throw ToolError.missingArgument(tool: name, argument: arg.name)
            }
            coerced[arg.name] = arg.type == .string ? value : ((try? ValueParsing.coerce(value, to: arg.type)) ?? value)
        }
        return try function(coerced)
    }

    /// How DSPy lists the tool in ReAct's instructions:
    /// `name, whose description is <desc>...</desc>. It takes arguments {...}.`
    public var promptDescription: String {
        let description = desc.map { ", whose description is <desc>\($0)</desc>.".replacingOccurrences(of: "\n", with: "  ") } ?? "."
        let arguments = "{" + args.map { "'\($0.name)': " + Self.pythonSchema($0.type) }.joined(separator: ", ") + "}"
        return "\(name)\(description) It takes arguments \(arguments)."
    }

    private static func pythonSchema(_ type: FieldType) -> String {
        type.jsonSchema.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "true", with: "True")
    }
}

/// A tool call the model asked for that does not fit the tool.
public enum ToolError: Error, Equatable, CustomStringConvertible {
    case unknownTool(String, available: [String])
    case unknownArgument(tool: String, argument: String)
    case missingArgument(tool: String, argument: String)

    public var description: String {
        switch self {
        case .unknownTool(let name, let available):
            "Unknown tool '\(name)'; the tools are: \(available.joined(separator: ", "))."
        case .unknownArgument(let tool, let argument): "Tool '\(tool)' has no argument '\(argument)'."
        case .missingArgument(let tool, let argument): "Tool '\(tool)' needs the argument '\(argument)'."
        }
    }
}
