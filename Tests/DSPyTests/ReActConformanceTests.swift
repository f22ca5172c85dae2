import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// The Swift twin of `get_weather` in Tests/Conformance/react_reference.py.
struct WeatherArguments: Codable, Sendable {
    var city: String
    var units: String?
}

/// ReAct against live Python DSPy 3.4.1 on the same scripted replies: every call's messages byte for byte and the
/// same final trajectory, with a tool from a Swift function, and with a context-window error that truncates the
/// trajectory; tools that throw, hang or are async. Serialized: a synchronous call of an async tool blocks its
/// thread while the tool runs on the shared pool (see ToolExecution).
@Suite(.serialized) struct ReActConformanceTests {
    static let weather = Tool("get_weather", desc: "Current weather in a city.") { (args: WeatherArguments) in
        "Sunny in \(args.city)" + (args.units.map { " (\($0))." } ?? ".")
    }

    static let answers: [[String: JSONValue]] = [
        ["next_thought": "Paris first.", "next_tool_name": "get_weather", "next_tool_args": ["city": "Paris"]],
        ["next_thought": "Now Lyon.", "next_tool_name": "get_weather", "next_tool_args": ["city": "Lyon", "units": "C"]],
        ["next_thought": "Done.", "next_tool_name": "finish", "next_tool_args": [:]],
        ["reasoning": "Both sunny.", "answer": "Sunny in both."],
    ]

    /// A ChatAdapter completion of `fields`: strings bare, other values as JSON.
    static func completion(_ fields: [String: JSONValue]) -> String {
        var text = ""
        for key in fields.keys.sorted() {
            let value = fields[key]!
            text += "[[ ## \(key) ## ]]\n" + (value.stringValue ?? value.pythonJSON()) + "\n\n"
        }
        return text + "[[ ## completed ## ]]"
    }

    @Test(arguments: [[Int](), [2]]) func trajectoryMatchesPythonDSPy(contextErrors: [Int]) throws {
        let scenario: JSONValue = ["answers": .array(Self.answers.map { .object($0) }), "context_errors": .array(contextErrors.map { .int($0) })]
        let reference = try JSONValue(parsing: Data(ReferencePython.run(
            String(contentsOf: ReferencePython.repositoryRoot.appendingPathComponent("Tests/Conformance/react_reference.py"), encoding: .utf8),
            arguments: [scenario.pythonJSON()]).utf8))
        let answers = Self.answers
        let lm = DummyLM { index, _, _ in
            if contextErrors.contains(index) {
                throw LMError(.contextWindowExceeded, model: "dummy", message: "the request exceeds the available context size")
            }
            return [Self.completion(answers[index - contextErrors.filter { $0 < index }.count])]
        }
        let agent = ReAct(try Signature("question -> answer"), tools: [Self.weather], maxIters: 5)
        let prediction = try context(lm: lm) { try agent(question: "Weather in Paris and Lyon?") }
        let python = reference["calls"]!.arrayValue!
        #expect(lm.calls.count == python.count)
        for (call, expected) in zip(lm.calls, python) {
            let messages = expected.arrayValue!
            #expect(call.messages.map(\.content) == messages.map { $0["content"]!.stringValue! })
        }
        let trajectory = reference["trajectory"]!.arrayValue!
        #expect(prediction.trajectory.objectValue?.count == trajectory.count)
        for pair in trajectory.map({ $0.arrayValue! }) {
            #expect(prediction.trajectory[pair[0].stringValue!] == pair[1], "\(pair)")
        }
        #expect(prediction.answer == reference["answer"]!)
    }

    @Test func failingHangingAndAsyncToolsLandInTheTrajectory() throws {
        struct Empty: Codable, Sendable {}
        let failing = Tool("fail", desc: "Fails.") { (_: Empty) -> String in throw ToolError.invalidArguments(tool: "fail", reason: "boom") }
        let hanging = Tool("hang", desc: "Hangs.", timeout: 0.3) { (_: Empty) -> String in
            try await Task.sleep(nanoseconds: 30_000_000_000)
            return "never"
        }
        let blocking = Tool("block", desc: "Blocks its thread.", args: [:], timeout: 0.3) { _ in
            Thread.sleep(forTimeInterval: 30)
            return "never"
        }
        let slow = Tool("slow", desc: "Answers later.") { (args: WeatherArguments) -> String in
            try await Task.sleep(nanoseconds: 50_000_000)
            return "late \(args.city)"
        }
        var steps: [[String: JSONValue]] = []
        for name in ["fail", "hang", "block", "slow"] {
            let arguments: JSONValue = name == "slow" ? ["city": "Oslo"] : [:]
            steps.append(["next_thought": .string("Try \(name)."), "next_tool_name": .string(name), "next_tool_args": arguments])
        }
        steps.append(["next_thought": "Done.", "next_tool_name": "finish", "next_tool_args": [:]])
        steps.append(["reasoning": "r", "answer": "a"])
        let lm = DummyLM(completions: steps.map(Self.completion))
        let agent = ReAct(try Signature("question -> answer"), tools: [failing, hanging, blocking, slow], maxIters: 6)
        let started = Date()
        let prediction = try context(lm: lm) { try agent(question: "?") }
        // The hanging tools sleep 30 s each: well under that means both were abandoned at their timeouts (the bound
        // is loose because this machine is shared).
        #expect(Date().timeIntervalSince(started) < 25)
        #expect(prediction.trajectory["observation_0"] == "Execution error in fail: Tool 'fail' cannot read its arguments: boom")
        #expect(prediction.trajectory["observation_1"] == "Execution error in hang: Tool 'hang' did not finish within 0.3 s and was abandoned.")
        #expect(prediction.trajectory["observation_2"] == "Execution error in block: Tool 'block' did not finish within 0.3 s and was abandoned.")
        #expect(prediction.trajectory["observation_3"] == "late Oslo")
        #expect(prediction.answer == "a")
    }
}
