import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// What JSONAdapter asks an OpenAI-compatible server for, against DSPy 3.4.1 sending the same calls to the same
/// scripted server (Tests/Servers/openai_test_server.py) on 127.0.0.1.
@Suite struct JSONAdapterRequestTests {
    static let models = [
        "gpt-4o-mini",           // catalog: structured outputs
        "gpt-3.5-turbo-0125",    // catalog: tools only, so JSON mode
        "gpt-4-0125-preview",    // in no catalog entry with either: nothing
        "starling-lm-7b-beta",   // a local model's own name: nothing
        "claude-sonnet-4-5",     // the catalog's Claude family rule
        "gemini-2.5-flash",      // the catalog's Gemini family rule
        "gpt-5-chat",            // structured outputs without tools
    ]
    static let signatures = [
        "question -> answer",
        "question -> answer: int, tags: list[str], label: Literal['a', 'b'], maybe: Optional[float], raw_value: Any",
        "question -> counts: dict[str, int]",
        "question -> blob: dict, rows: list[dict[str, int]], urgency2level: Optional[list[int]]",
    ]

    /// The `response_format` of the last request the server got (`null` when there was none), and the order of
    /// its schema's properties, read by Python so that the order is the one on the wire.
    static func lastResponseFormat(_ server: OpenAITestServer) throws -> JSONValue {
        let output = try ReferencePython.run("""
            import json, sys, urllib.request
            body = json.load(urllib.request.urlopen(sys.argv[1] + "/stats"))["last"]["body"]
            fmt = body.get("response_format")
            schema = (fmt or {}).get("json_schema", {}).get("schema", {})
            print(json.dumps({"format": fmt, "order": list(schema.get("properties", {}))}))
            """, arguments: [server.baseURL])
        return try JSONValue(parsing: Data(output.utf8))
    }

    @Test func responseFormatMatchesReferenceDSPy() throws {
        let server = try OpenAITestServer()
        let cases = Self.models.flatMap { model in Self.signatures.map { (model, $0) } }
        let reference = try ReferencePython.run("""
            import json, sys, urllib.request, dspy
            base, cases = sys.argv[1], json.loads(sys.argv[2])
            out = []
            for model, signature in cases:
                lm = dspy.LM("openai/" + model, api_base=base + "/v1", api_key="local", cache=False, num_retries=0)
                with dspy.context(lm=lm, adapter=dspy.JSONAdapter()):
                    try:
                        dspy.ChainOfThought(signature)(question="q")
                    except Exception:
                        pass  # the echo server's answer is not JSON; only the request matters
                body = json.load(urllib.request.urlopen(base + "/stats"))["last"]["body"]
                fmt = body.get("response_format")
                schema = (fmt or {}).get("json_schema", {}).get("schema", {})
                out.append({"format": fmt, "order": list(schema.get("properties", {}))})
            print(json.dumps(out))
            """, arguments: [server.baseURL, JSONValue.array(cases.map { [.string($0.0), .string($0.1)] }).serialized()])
        let expected = try JSONValue(parsing: Data(reference.utf8)).arrayValue ?? []
        #expect(expected.count == cases.count)

        for ((model, signature), expected) in zip(cases, expected) {
            let lm = LM("openai/\(model)", apiBase: server.apiBase, apiKey: "local", cache: false, numRetries: 0)
            _ = try? context(lm: lm, adapter: JSONAdapter()) { try ChainOfThought(signature)(question: "q") }
            #expect(try Self.lastResponseFormat(server) == expected, "\(model): \(signature)")
        }
        #expect(expected.contains { $0["format"]?["type"] == "json_schema" })
        #expect(expected.contains { $0["format"]?["type"] == "json_object" })
        #expect(expected.contains { $0["format"] == .null })
    }

    /// DSPy hashes its structured-outputs format as the schema of the pydantic model it passes; the keys agree.
    @Test func structuredOutputsCacheKeyMatchesReferenceDSPy() throws {
        let lm = LM("openai/gpt-4o-mini", temperature: 0)
        let signature = ChainOfThought("question -> answer: int, tags: list[str]").predict.signature
        let format = try #require(JSONAdapter.responseFormat(for: signature, capabilities: lm.capabilities))
        let expected = try ReferencePython.run("""
            import dspy
            from dspy.adapters.json_adapter import _get_structured_outputs_response_format
            from dspy.clients.execution import prepare, IGNORED_CACHE_KEYS
            lm = dspy.LM("openai/gpt-4o-mini", temperature=0.0)
            signature = dspy.ChainOfThought("question -> answer: int, tags: list[str]").predict.signature
            config = {"response_format": _get_structured_outputs_response_format(signature)}
            call = prepare(lm, None, [{"role": "user", "content": "q"}], config)
            print(dspy.cache.cache_key(call.key(lm, False), IGNORED_CACHE_KEYS))
            """)
        let messages = [ChatMessage(role: "user", content: "q")]
        #expect(lm.cacheKey(messages: messages, config: ["response_format": format]) + "\n" == expected)
    }

    /// DSPy decides the format before the call and does not fall back: a server that rejects it fails the call
    /// with the server's words, after one request.
    @Test func rejectedResponseFormatIsTheCallsError() throws {
        let server = try OpenAITestServer()
        try server.rejectResponseFormat()
        let lm = LM("openai/gpt-4o-mini", apiBase: server.apiBase, apiKey: "local", cache: false, numRetries: 0)
        let error = try #require(throws: LMError.self) {
            try context(lm: lm, adapter: JSONAdapter()) { try Predict("question -> answer")(question: "q") }
        }
        #expect(error.kind == .invalidRequest)
        #expect(error.status == 400)
        #expect(error.message.contains("response_format is not supported"))
        #expect(try server.stats().requests == 1)
    }
}
