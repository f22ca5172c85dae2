import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// Predict through the real `LM` client over HTTP on 127.0.0.1, against the scripted OpenAI-compatible server
/// (Tests/Servers/openai_test_server.py), whose `echo` model answers with the last message it got.
@Suite struct EndToEndTests {
    /// An input value that makes the echoed request readable as an `answer` section.
    static func echoedAnswer(_ text: String) -> JSONValue { .string("[[ ## answer ## ]]\n\(text)") }

    @Test func predictOverHTTP() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.baseURL + "/v1", apiKey: "local", temperature: 0, maxTokens: 500, cache: false)
        let predict = try Predict("question -> answer")
        let pred = try context(lm: lm) { try predict(question: Self.echoedAnswer("Paris")) }
        #expect(pred.answer.pythonStr.hasPrefix("Paris\n\nRespond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`"))

        // n > 1: one request per completion, as DSPy 3.4.1's native engine; the LM's temperature 0 is raised to
        // 0.7 as DSPy does.
        let several = try context(lm: lm) { try predict(question: Self.echoedAnswer("x"), config: ["n": 3]) }
        #expect(several.completions?.count == 3)
        #expect(try server.stats().requests == 4)
        #expect(lm.history.last?.kwargs["temperature"] == 0.7)
    }

    @Test func contextReachesThreadsOverHTTP() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.baseURL + "/v1", apiKey: "local", cache: false)
        let predict = try Predict("question -> answer")
        let answers = try context(lm: lm) {
            try ParallelExecutor(numThreads: 8).map(Array(0..<40)) { index in
                try predict(question: Self.echoedAnswer("\(index)")).answer.pythonStr.split(separator: "\n").first.map(String.init)
            }
        }
        #expect(answers == (0..<40).map { "\($0)" })
    }

    /// LM failures reach the caller as the LM's typed errors, naming the model, the status and the server's words;
    /// they are not parse errors, so ChatAdapter does not retry them through JSONAdapter.
    @Test func lmErrorsThroughPredictNameTheCause() throws {
        let server = try OpenAITestServer()
        let predict = try Predict("question -> answer")
        let cases: [(String, LMError.Kind, Int, String)] = [
            ("bad-request", .invalidRequest, 400, "Unknown parameter: 'frobnicate'"),
            ("server-error", .server, 500, "The server had an error"),
        ]
        for (model, kind, status, message) in cases {
            let lm = LM("openai/\(model)", apiBase: server.apiBase, apiKey: "local", cache: false, numRetries: 0)
            let before = try server.stats().requests
            let error = try #require(throws: LMError.self) { try context(lm: lm) { try predict(question: "q") } }
            #expect(error.kind == kind)
            #expect(error.status == status)
            #expect("\(error)".hasPrefix("[openai/\(model)] \(kind.rawValue) error, HTTP \(status)"))
            #expect(error.message == message)
            #expect(try server.stats().requests == before + 1)
        }
    }
}
