import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// The Swift twin of `search` in Tests/Conformance/dspy_types_reference.py.
struct SearchArguments: Codable, Sendable {
    var query: String
    var k: Int?
}

/// History, Image, Tool and ToolCalls fields against live Python DSPy 3.4.1 (Tests/Conformance/dspy_types_reference.py,
/// run once for the suite): ChatAdapter's and JSONAdapter's messages byte for byte (content parts included),
/// ToolCalls read from the same completions, tool arguments rejected with DSPy's words, and native function calling's
/// request (`tools`, messages, `response_format`) and parsed `tool_calls` on the same scripted server.
@Suite(.serialized) struct DSPyTypesTests {
    static let search = Tool("search", desc: "Search the web.") { (args: SearchArguments) in "results for \(args.query)" }

    /// A 1x1 PNG written for the run; Python reads the same file.
    static let imagePath: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dspy-types-\(getpid()).png").path
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!
        _ = FileManager.default.createFile(atPath: path, contents: png)
        return path
    }()

    static let reference: Result<JSONValue, ConformanceSetupError> = Result {
        try JSONValue(parsing: Data(ReferencePython.runScript("Tests/Conformance/dspy_types_reference.py", arguments: [imagePath]).utf8))
    }.mapError { ConformanceSetupError(reason: "the Python DSPy reference failed: \($0)") }

    static let chat = Signature("Answer the question.") {
        InputField("question")
        InputField("history", type: .dspyType(.history))
        OutputField("answer")
    }
    static let caption = Signature {
        InputField("image", desc: "a picture", type: .dspyType(.image))
        InputField("images", type: .list(.dspyType(.image)))
        OutputField("caption")
    }
    static let act = try! Signature("question, tools: list[Tool] -> calls: ToolCalls")

    static let history = History(messages: [
        ["question": "Capital of France?", "answer": "Paris"], ["question": "And Germany?"], ["answer": "Berlin"],
    ])

    static func adapter(_ name: String, native: Bool) -> any Adapter {
        name == "json" ? JSONAdapter(useNativeFunctionCalling: native) : ChatAdapter(useNativeFunctionCalling: native)
    }

    static func expectSame(_ messages: [ChatMessage], _ python: JSONValue, _ label: String) {
        let expected = python.arrayValue ?? []
        #expect(messages.count == expected.count, "\(label): message count")
        for (message, python) in zip(messages, expected) {
            #expect(message.json == python, "\(label): \(message.role) message differs:\n\(message.json.pythonJSON())\nvs\n\(python.pythonJSON())")
        }
    }

    @Test(arguments: ["chat", "json"]) func historyImagesAndToolsFormatAsDSPyDoes(adapter name: String) throws {
        let expected = try Self.reference.get()["format"]![name]!
        let adapter = Self.adapter(name, native: false)
        let images: JSONValue = [try Image(url: "https://example.org/a.png").json, try Image(url: "data:image/gif;base64,R0lGODlh").json]
        Self.expectSame(adapter.format(Self.chat, demos: [], inputs: ["question": "Are you sure?", "history": Self.history.json]),
                        expected["history"]!, "\(name) history")
        let pictures = adapter.format(Self.caption, demos: [], inputs: ["image": try Image.fromPath(Self.imagePath).json, "images": images])
        Self.expectSame(pictures, expected["image"]!, "\(name) image")
        #expect(pictures.last?.parts.filter { if case .imageURL = $0 { true } else { false } }.count == 3)
        Self.expectSame(adapter.format(Self.act, demos: [], inputs: ["question": "q", "tools": [Self.search.json]]),
                        expected["tool_calls"]!, "\(name) tool calls as text")
    }

    @Test func toolCallsParseAsDSPyReadsThem() throws {
        let expected = try Self.reference.get()["parse"]!.arrayValue!
        let completions = [
            "[[ ## calls ## ]]\n{\"tool_calls\": [{\"name\": \"search\", \"args\": {\"query\": \"cats\"}}]}\n\n[[ ## completed ## ]]",
            "[[ ## calls ## ]]\n[{\"name\": \"search\", \"arguments\": \"{\\\"query\\\": \\\"dogs\\\", \\\"k\\\": 2}\"}]\n\n[[ ## completed ## ]]",
            "[[ ## calls ## ]]\n{\"name\": \"search\", \"args\": {}}\n\n[[ ## completed ## ]]",
            "[[ ## calls ## ]]\n{\"calls\": 3}\n\n[[ ## completed ## ]]",
        ]
        #expect(completions.count == expected.count)
        for (completion, python) in zip(completions, expected) {
            do {
                let calls = try ToolCalls(ChatAdapter().parse(Self.act, completion: completion)["calls"]!)
                #expect(python["ok"] == true, "Python rejected what this port read: \(completion)")
                #expect(Self.described(calls) == python["calls"], "\(completion)")
            } catch let error as AdapterParseError {
                #expect(python["ok"] == false, "this port rejected what Python read: \(error)")
                #expect(error.description.contains("Failed to parse field calls"), "\(error)")
            }
        }
    }

    static func described(_ calls: ToolCalls) -> JSONValue {
        .array(calls.toolCalls.map { ["id": $0.id.map(JSONValue.string) ?? .null, "name": .string($0.name), "args": .object($0.args)] })
    }

    @Test func toolArgumentsAreCheckedAgainstTheirSchemasAsDSPyChecksThem() throws {
        let expected = try Self.reference.get()["arguments"]!.arrayValue!
        let arguments: [[String: JSONValue]] = [
            ["query": ["type": "string"]], ["query": 3], ["query": ["a"]], ["query": "x", "k": 2], ["q": 1], ["query": "x", "k": "2"],
        ]
        #expect(arguments.count == expected.count)
        for (given, python) in zip(arguments, expected) {
            do {
                let result = try Self.search(given)
                #expect(python == ["ok": true, "result": result], "\(given)")
            } catch {
                #expect(python == ["ok": false, "error": .string("\(error)")], "\(given)")
            }
        }
    }

    @Test(arguments: ["chat", "json"]) func nativeFunctionCallingSendsAndReadsWhatDSPyDoes(adapter name: String) throws {
        let expected = try Self.reference.get()["native"]![name]!
        let server = try OpenAITestServer()
        let lm = LM("openai/gpt-4o-mini", apiBase: server.apiBase, apiKey: "local", cache: false, numRetries: 0)
        let prediction = try context(lm: lm, adapter: Self.adapter(name, native: true)) {
            try Predict(Self.act)(question: "Find cats.", tools: [Self.search.json])
        }
        let body = try JSONValue(parsing: JSONSerialization.data(withJSONObject: server.stats().body))
        #expect(body == expected["body"]!, "request body:\n\(body.pythonJSON())\nvs\n\(expected["body"]!.pythonJSON())")
        #expect(Self.described(try ToolCalls(prediction.calls)) == expected["calls"]!)
        #expect(try ToolCalls(prediction.calls).toolCalls.first?.execute([Self.search]) == "results for query value")
    }
}
