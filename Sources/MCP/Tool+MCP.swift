import DSPy
import JSON

extension Tool {
    /// The server's tools as DSPy tools (DSPy's `Tool.from_mcp_tool`): each argument's schema as the server
    /// gives it (`$ref`s resolved), required as the server says, calls going to the server. A call that fails
    /// on the server, or a server that exits, is the call's error (in a `ReAct` trajectory, its observation).
    ///
    /// - Parameter timeout: Seconds each call may take before it is abandoned; `nil` waits for the client's
    ///   `requestTimeout`.
    public static func fromMCP(_ client: MCPClient, timeout: Double? = nil) throws -> [Tool] {
        try client.listTools().map { info in
            let required = info.inputSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let definitions = info.inputSchema["$defs"]?.objectValue ?? [:]
            let properties = info.inputSchema["properties"]?.objectValue ?? [:]
            // JSON objects keep no order here: the required arguments in the server's order, then the others by name.
            let names = required.filter { properties[$0] != nil } + properties.keys.filter { !required.contains($0) }.sorted()
            let arguments = names.map { name in
                let schema = properties[name]!.resolvingReferences(in: definitions)
                return Argument(name: name, type: argumentType(schema), schema: schema, isRequired: required.contains(name))
            }
            return Tool(info.name, desc: info.description, arguments: arguments, timeout: timeout) { values in
                try client.callTool(info.name, arguments: values)
            }
        }
    }

    /// DSPy's `_TYPE_MAPPING` of a schema's `type`.
    private static func argumentType(_ schema: JSONValue) -> FieldType {
        switch schema["type"]?.stringValue {
        case "string": .string
        case "integer": .int
        case "number": .float
        case "boolean": .bool
        case "array": .list(nil)
        case "object": .dict(key: nil, value: nil)
        default: .any
        }
    }
}
