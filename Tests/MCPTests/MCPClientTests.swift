import DSPy
import DSPyTesting
import Foundation
import JSON
import MCP
import Testing

/// The MCP client against a real server: the official `mcp` package's server (Tests/Servers/mcp_test_server.py)
/// started over stdio from the test venv. Tools listed and called, argument schemas checked before a call, a tool
/// that fails, one that hangs, and a server that dies in the middle of a call, each a clear error, also inside ReAct.
@Suite struct MCPClientTests {
    static func startServer() throws -> MCPClient {
        try MCPClient(command: ReferencePython.executable.path,
                      arguments: [ReferencePython.repositoryRoot.appendingPathComponent("Tests/Servers/mcp_test_server.py").path],
                      requestTimeout: 20)
    }

    @Test func toolsFromAServerAnswerFailAndDieClearly() throws {
        let server = try Self.startServer()
        let tools = try Tool.fromMCP(server, timeout: 2)
        #expect(tools.map(\.name) == ["add", "weather", "fail", "die", "sleep"])
        let byName = Dictionary(uniqueKeysWithValues: tools.map { ($0.name, $0) })
        let add = try #require(byName["add"]), weather = try #require(byName["weather"])
        #expect(add.desc == "Add two integers.")
        #expect(add.arguments.map(\.name) == ["a", "b"] && add.arguments.allSatisfy(\.isRequired))
        #expect(add.arguments[0].schema == ["title": "A", "type": "integer"])
        #expect(weather.arguments.map(\.name) == ["city", "units"] && weather.arguments.map(\.isRequired) == [true, false])

        #expect(try add(["a": 2, "b": 3]) == "5")
        #expect(try weather(["city": "Oslo", "units": "C"]) == "Sunny in Oslo (C).")
        // Checked against the server's schema before anything is sent, in DSPy's words.
        #expect(throws: ToolError.invalidArgument(tool: "add", argument: "a", reason: "'x' is not of type 'integer'")) {
            try add(["a": "x", "b": 3])
        }
        do {
            _ = try byName["fail"]!(["reason": "because"])
            Issue.record("a failing tool answered")
        } catch let error as MCPError {
            #expect(error == .toolFailed("Error executing tool fail"))
            #expect("\(error)" == "Failed to call a MCP tool: Error executing tool fail")
        }
        let started = Date()
        #expect(throws: ToolError.timedOut(tool: "sleep", seconds: 2)) { try byName["sleep"]!(["seconds": 30]) }
        #expect(Date().timeIntervalSince(started) < 15)

        // A ReAct agent: the server dies in the middle of a call; the error is the observation, and the next call
        // fails at once instead of waiting.
        let steps: [[String: JSONValue]] = [
            ["next_thought": "Add.", "next_tool_name": "add", "next_tool_args": ["a": 40, "b": 2]],
            ["next_thought": "Die.", "next_tool_name": "die", "next_tool_args": [:]],
            ["next_thought": "Again.", "next_tool_name": "add", "next_tool_args": ["a": 1, "b": 1]],
            ["next_thought": "Done.", "next_tool_name": "finish", "next_tool_args": [:]],
            ["reasoning": "r", "answer": "42"],
        ]
        let agent = ReAct(try Signature("question -> answer"), tools: tools, maxIters: 5)
        let prediction = try context(lm: DummyLM(answers: steps)) { try agent(question: "40 + 2?") }
        #expect(prediction.trajectory["observation_0"] == "42")
        let died = try #require(prediction.trajectory["observation_1"]?.stringValue)
        #expect(died.hasPrefix("Execution error in die: The MCP server `") && died.contains("exited with status 3"), "\(died)")
        #expect(prediction.trajectory["observation_2"]?.stringValue?.contains("exited with status 3") == true)
        #expect(prediction.answer == "42")
    }

    @Test func aServerThatCannotStartOrExitsAtOnceIsNamed() {
        #expect(throws: MCPError.self) { try MCPClient(command: "/nonexistent/mcp-server") }
        do {
            _ = try MCPClient(command: "/bin/sh", arguments: ["-c", "echo 'no such module' >&2; exit 7"], requestTimeout: 10)
            Issue.record("a server that exited was initialized")
        } catch {
            #expect(error as? MCPError == .serverExited(command: "/bin/sh -c echo 'no such module' >&2; exit 7", status: 7, stderr: "no such module\n"))
        }
    }
}
