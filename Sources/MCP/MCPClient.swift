import Foundation
import JSON

/// A client of one Model Context Protocol server over stdio: it starts the server, initializes the session, lists
/// the server's tools and calls them.
///
/// ```swift
/// let server = try MCPClient(command: "python3", arguments: ["weather_server.py"])
/// let tools = try Tool.fromMCP(server)          // DSPy tools for ReAct
/// ```
public final class MCPClient: Sendable {
    /// One tool as the server lists it.
    public struct ToolInfo: Sendable, Hashable {
        public let name: String
        public let description: String?
        /// The JSON schema of the arguments (`inputSchema`).
        public let inputSchema: JSONValue
    }

    /// The protocol version this client asks for.
    public static let protocolVersion = "2025-06-18"

    private let connection: StdioConnection
    /// Seconds a request may wait for its answer (a tool call's own timeout, when shorter, ends it earlier).
    public let requestTimeout: Double
    /// What the server said about itself (`serverInfo`).
    public let serverInfo: JSONValue

    /// Starts `command` (looked up on `PATH` unless it is a path) and initializes the session.
    ///
    /// - Throws: `MCPError` when the server cannot start, exits, or does not answer in `requestTimeout` seconds.
    public init(command: String, arguments: [String] = [], environment: [String: String]? = nil, requestTimeout: Double = 60) throws {
        connection = try StdioConnection(executable: Self.resolve(command), arguments: arguments, environment: environment)
        self.requestTimeout = requestTimeout
        let result = try connection.request("initialize", params: [
            "protocolVersion": .string(Self.protocolVersion), "capabilities": [:],
            "clientInfo": ["name": "swift-dspy", "version": "1"],
        ], timeout: requestTimeout)
        serverInfo = result["serverInfo"] ?? .null
        try connection.notify("notifications/initialized")
    }

    deinit {
        connection.close()
    }

    /// The server's tools (`tools/list`, every page).
    public func listTools() throws -> [ToolInfo] {
        var tools: [ToolInfo] = []
        var cursor: JSONValue?
        repeat {
            let result = try connection.request("tools/list", params: cursor.map { ["cursor": $0] } ?? [:], timeout: requestTimeout)
            guard let listed = result["tools"]?.arrayValue else { throw MCPError.malformed("tools/list without 'tools'") }
            for tool in listed {
                guard let name = tool["name"]?.stringValue else { throw MCPError.malformed("a tool without a name") }
                tools.append(ToolInfo(name: name, description: tool["description"]?.stringValue, inputSchema: tool["inputSchema"] ?? [:]))
            }
            cursor = result["nextCursor"].flatMap { $0 == .null ? nil : $0 }
        } while cursor != nil
        return tools
    }

    /// Calls a tool and returns its result as DSPy's MCP bridge does: the text of a single text content, a list
    /// of texts for several, else the other contents as they came.
    ///
    /// - Throws: `MCPError.toolFailed` when the server marks the result as an error, or any other `MCPError`.
    public func callTool(_ name: String, arguments: [String: JSONValue]) throws -> JSONValue {
        let result = try connection.request("tools/call", params: ["name": .string(name), "arguments": .object(arguments)], timeout: requestTimeout)
        let contents = result["content"]?.arrayValue ?? []
        let texts = contents.filter { $0["type"] == "text" }.map { $0["text"] ?? "" }
        let text: JSONValue = texts.count == 1 ? texts[0] : .array(texts)
        if result["isError"] == true { throw MCPError.toolFailed(text.pythonStr) }
        return texts.isEmpty ? .array(contents.filter { $0["type"] != "text" }) : text
    }

    /// Stops the server; later calls fail with `MCPError.serverExited`.
    public func close() {
        connection.close()
    }

    private static func resolve(_ command: String) -> String {
        guard !command.contains("/") else { return command }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? command
    }
}
