import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

@Suite struct LMTests {
    @Test func promptCallReturnsCompletionsAndSendsOnlySetArguments() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.apiBase, apiKey: "local", temperature: 0, maxTokens: 500,
                    stop: ["\n\n"], n: 1, cache: false)
        #expect(try lm("What is the capital of Colombia?") == ["echo: What is the capital of Colombia?"])
        let stats = try server.stats()
        #expect(stats.path == "/v1/chat/completions")
        #expect(stats.headers["Authorization"] == "Bearer local")
        #expect(Set(stats.body.keys) == ["model", "messages", "temperature", "max_tokens", "stop"])
        #expect(stats.body["model"] as? String == "echo")
        #expect(stats.body["temperature"] as? Double == 0)
        #expect(stats.body["max_tokens"] as? Int == 500)
        #expect(stats.body["stop"] as? [String] == ["\n\n"])
        let messages = stats.body["messages"] as? [[String: String]]
        #expect(messages == [["role": "user", "content": "What is the capital of Colombia?"]])

        let bare = LM("openai/echo", apiBase: server.apiBase, apiKey: "", cache: false)
        _ = try bare(messages: [ChatMessage(role: "system", content: "s"), ChatMessage(role: "user", content: "u")])
        let second = try server.stats()
        #expect(Set(second.body.keys) == ["model", "messages"])
        #expect(second.headers["Authorization"] == nil)
    }

    @Test func textModelFlattensMessagesAsDSPyDoes() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.apiBase + "/", apiKey: "k", temperature: 0.5, modelType: .text, cache: false)
        let outputs = try lm(messages: [ChatMessage(role: "system", content: "sys"), ChatMessage(role: "user", content: "hi")])
        #expect(outputs == ["echo: sys\n\nhi\n\nBEGIN RESPONSE:"])
        let stats = try server.stats()
        #expect(stats.path == "/v1/completions")
        #expect(stats.body["prompt"] as? String == "sys\n\nhi\n\nBEGIN RESPONSE:")
    }

    /// As DSPy 3.4.1's native engine: `n` chat completions are `n` requests without `n` (Python, measured against a
    /// recording server, sends `n=3` as three bodies `{"model", "messages"}`).
    @Test func severalChatCompletionsAreOneRequestEach() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.apiBase, apiKey: "k", n: 3, cache: false)
        #expect(try lm("x") == ["echo: x", "echo: x", "echo: x"])
        let stats = try server.stats()
        #expect(stats.requests == 3)
        #expect(stats.body["n"] == nil)
    }

    @Test func rateLimitIsRetriedAfterRetryAfter() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/rate-limit-once", apiBase: server.apiBase, apiKey: "k", cache: false)
        let started = Date()
        #expect(try lm("hello") == ["echo: hello"])
        #expect(Date().timeIntervalSince(started) >= 0.95)
        #expect(try server.stats().requests == 2)
    }

    @Test func serverErrorsExhaustRetries() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/server-error", apiBase: server.apiBase, apiKey: "k", cache: false, numRetries: 1)
        let error = try #require(throws: LMError.self) { try lm("hello") }
        #expect(error.kind == .server)
        #expect(error.status == 500)
        #expect(error.message == "The server had an error")
        #expect(error.url == server.apiBase + "/chat/completions")
        #expect(try server.stats().requests == 2)
    }

    @Test func errorBodiesBecomeTypedErrorsWithoutRetry() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/bad-request", apiBase: server.apiBase, apiKey: "k", cache: false)
        let error = try #require(throws: LMError.self) { try lm("hello") }
        #expect(error.kind == .invalidRequest)
        #expect(error.status == 400)
        #expect(error.message == "Unknown parameter: 'frobnicate'")
        #expect(error.description.contains("[openai/bad-request]"))
        #expect(try server.stats().requests == 1)
    }

    @Test func malformedBodiesAreReported() throws {
        let server = try OpenAITestServer()
        let problems = ["malformed": "not JSON at byte 14: expected true", "no-choices": #"missing "choices""#]
        for (model, problem) in problems {
            let lm = LM("openai/\(model)", apiBase: server.apiBase, apiKey: "k", cache: false)
            let error = try #require(throws: LMError.self) { try lm("hello") }
            #expect(error.kind == .malformedResponse)
            #expect(error.status == 200)
            #expect(error.message.contains("the body is not an OpenAI completion (\(problem))"))
        }
        #expect(try server.stats().requests == 2)
    }

    @Test func slowServerTimesOut() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/slow", apiBase: server.apiBase, apiKey: "k", cache: false, numRetries: 0, timeout: 0.5)
        let started = Date()
        let error = try #require(throws: LMError.self) { try lm("hello") }
        #expect(error.kind == .timeout)
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func droppedAndHungResponsesAreRetriedSoParallelCallsGoOn() throws {
        // Ten threads as Evaluate runs them; each first answer is cut off mid-body or never comes.
        let server = try OpenAITestServer()
        let apiBase = server.apiBase
        let started = Date()
        let answers = try ParallelExecutor(numThreads: 10).map(Array(0..<10)) { index in
            let lm = LM("openai/\(index % 2 == 0 ? "drop-once" : "hang-once")", apiBase: apiBase, apiKey: "k",
                        cache: false, numRetries: 1, timeout: 1)
            return try lm("question \(index)")
        }
        #expect(answers == (0..<10).map { ["echo: question \($0)"] })
        #expect(try server.stats().requests == 20)
        // One timeout (1 s), one backoff (1 s) and the retry: far from the 10 s a hung answer takes.
        #expect(Date().timeIntervalSince(started) < 8)
    }

    @Test func refusedConnectionIsATransportError() throws {
        let lm = LM("openai/echo", apiBase: "http://127.0.0.1:1/v1", apiKey: "k", cache: false, numRetries: 0)
        let error = try #require(throws: LMError.self) { try lm("hello") }
        #expect(error.kind == .transport)
        #expect(error.url == "http://127.0.0.1:1/v1/chat/completions")
    }

    @Test func badConfigurationIsNamed() throws {
        let noId = try #require(throws: LMError.self) { try LM("openai/", apiBase: "http://127.0.0.1:1/v1", cache: false)("x") }
        #expect(noId.kind == .configuration)
        let noBase = try #require(throws: LMError.self) { try LM("hosted_vllm/m", cache: false)("x") }
        #expect(noBase.message.contains("HOSTED_VLLM_API_BASE"))
        let badN = try #require(throws: LMError.self) {
            try LM("openai/m", apiBase: "http://127.0.0.1:1/v1", cache: false)("x", config: ["n": 0])
        }
        #expect(badN.message.contains("n must be a positive integer"))
    }

    @Test func historyAndUsageRecordEachCall() throws {
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.apiBase, apiKey: "k", cache: false)
        let (_, usage) = try trackUsage {
            _ = try lm("one two three")
            _ = try lm(messages: [ChatMessage(role: "user", content: "four")], config: ["temperature": 0.2])
        }
        #expect(lm.history.count == 2)
        #expect(lm.history[0].prompt == "one two three")
        #expect(lm.history[0].messages == nil)
        #expect(lm.history[1].messages == [ChatMessage(role: "user", content: "four")])
        #expect(lm.history[1].kwargs == ["temperature": 0.2])
        #expect(lm.history[0].usage["prompt_tokens"] == 3)
        #expect(lm.history[1].responseModel == "echo")
        let totals = usage.totalTokens["openai/echo"]
        #expect(totals?["prompt_tokens"] == 4)
        #expect(totals?["completion_tokens"] == 6)
        #expect(totals?["total_tokens"] == 10)
        #expect(globalHistory.contains { $0.uuid == lm.history[1].uuid })
    }
}
