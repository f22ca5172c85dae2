import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// Points the process-wide cache at a fresh directory once for all tests of this process.
enum TestCache {
    private static let configured: Result<String, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("swift-dspy-tests-\(UUID().uuidString)").path
        try configureCache(diskCacheDir: directory)
        return directory
    }

    static func directory() throws -> String { try configured.get() }
}

@Suite struct CacheTests {
    @Test func cacheHitsMakeNoHTTPCall() throws {
        _ = try TestCache.directory()
        let server = try OpenAITestServer()
        let lm = LM("openai/echo", apiBase: server.apiBase, apiKey: "k", temperature: 0)
        let prompt = "cached \(UUID())"
        #expect(try lm(prompt) == ["echo: \(prompt)"])
        #expect(try lm(prompt) == ["echo: \(prompt)"])
        #expect(try server.stats().requests == 1)
        #expect(lm.history.map(\.cacheHit) == [false, true])
        #expect(lm.history[1].usage.isEmpty)

        // The key ignores the server and the API key: another LM on another base URL hits the same entry.
        let elsewhere = LM("openai/echo", apiBase: "http://127.0.0.1:1/v1", apiKey: "other", temperature: 0)
        #expect(try elsewhere(prompt) == ["echo: \(prompt)"])

        // Switched off per call, per LM, or keyed apart by a rollout id: the request goes out.
        _ = try lm(prompt, config: ["cache": false])
        _ = try LM("openai/echo", apiBase: server.apiBase, apiKey: "k", temperature: 0, cache: false)(prompt)
        _ = try lm(prompt, config: ["rollout_id": 7])
        #expect(try server.stats().requests == 4)
        _ = try lm(prompt, config: ["rollout_id": 7])
        #expect(try server.stats().requests == 4)

        // The disk layer answers once memory is cleared.
        try Cache.shared().resetMemoryCache()
        #expect(try lm(prompt) == ["echo: \(prompt)"])
        #expect(try server.stats().requests == 4)
    }

    /// An interrupt ends the wait for a call at once while the call runs on and caches its answer: asked again, the
    /// same call is answered from the cache and the server has seen it once.
    @Test func anInterruptedCallStillCachesItsAnswer() throws {
        _ = try TestCache.directory()
        let server = try OpenAITestServer()
        let lm = LM("openai/paced-600", apiBase: server.apiBase, apiKey: "k")
        let prompt = "interrupted \(UUID())"
        let scope = InterruptionScope()
        Thread {
            Thread.sleep(forTimeInterval: 0.1)
            scope.request()
        }.start()
        let started = Date()
        #expect(throws: Interrupted.self) { try Interruption.within(scope) { try lm(prompt) } }
        #expect(Date().timeIntervalSince(started) < 0.5, "the wait ends before the answer comes")
        let key = lm.cacheKey(messages: [ChatMessage(role: "user", content: prompt)])
        let deadline = Date().addingTimeInterval(10)
        while try Cache.shared().get(key) == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try lm(prompt) == ["echo: \(prompt)"])
        #expect(lm.history.map(\.cacheHit) == [true])
        #expect(try server.stats().requests == 1)
    }

    @Test func diskEntriesSurviveReopening() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swift-dspy-cache-\(UUID())").path
        let entry = CachedCompletion(outputs: ["a", "b"], usage: ["total_tokens": 3], responseModel: "m")
        try Cache(diskCacheDir: directory).put("k1", entry)
        let reopened = try Cache(enableMemoryCache: false, diskCacheDir: directory)
        #expect(try reopened.get("k1") == entry)
        #expect(try reopened.get("missing") == nil)
        let memoryOnly = try Cache(enableDiskCache: false)
        try memoryOnly.put("k2", entry)
        #expect(try memoryOnly.get("k2") == entry)
        memoryOnly.resetMemoryCache()
        #expect(try memoryOnly.get("k2") == nil)
    }

    @Test func unwritableDirectoryIsANamedError() throws {
        let error = try #require(throws: CacheError.self) { try Cache(diskCacheDir: "/proc/no-such-dir/cache") }
        #expect(error.path == "/proc/no-such-dir/cache")
    }

    /// The keys of DSPy 3.4.1 for the same LM settings and messages, computed by its own `prepare` and `Cache`.
    @Test func keysMatchReferenceDSPy() throws {
        struct Case {
            let lm: LM
            let python: String
            let messages: [ChatMessage]
            let config: [String: JSONValue]
        }
        let system = ChatMessage(role: "system", content: "Your input fields are:\n1. `q` (str)\n«ünïcødé» \u{1}\t\"q\"")
        let user = ChatMessage(role: "user", content: "What is the capital of Colombia?")
        let cases = [
            Case(lm: LM("openai/starling-lm-7b-beta", temperature: 0, maxTokens: 500, stop: ["\n\n"], n: 1),
                 python: "dspy.LM('openai/starling-lm-7b-beta', temperature=0.0, max_tokens=500, stop=['\\n\\n'], n=1)",
                 messages: [user], config: [:]),
            Case(lm: LM("openai/gpt-4o-mini"), python: "dspy.LM('openai/gpt-4o-mini')", messages: [system, user], config: [:]),
            Case(lm: LM("openai/m", apiBase: "http://x/v1", apiKey: "secret", temperature: 0.7, modelType: .text),
                 python: "dspy.LM('openai/m', api_base='http://y/v1', api_key='other', temperature=0.7, model_type='text')",
                 messages: [user], config: [:]),
            Case(lm: LM("openai/m", temperature: 1.0, rolloutId: 3), python: "dspy.LM('openai/m', temperature=1.0, rollout_id=3)",
                 messages: [user], config: ["n": 4, "top_p": 0.00001]),
        ]
        let script = """
            import json, sys, dspy
            from dspy.clients.execution import prepare, IGNORED_CACHE_KEYS
            cases = json.load(sys.stdin)
            lms = [\(cases.map(\.python).joined(separator: ", "))]
            for lm, case in zip(lms, cases):
                call = prepare(lm, None, case["messages"], case["config"])
                print(dspy.cache.cache_key(call.key(lm, False), IGNORED_CACHE_KEYS))
            """
        let input = "[" + cases.map { item in
            let messages = item.messages.map { #"{"role": "\#($0.role)", "content": \#(jsonString($0.content))}"# }
            let config = item.config.map { "\"\($0.key)\": \($0.value.serialized())" }
            return #"{"messages": [\#(messages.joined(separator: ", "))], "config": {\#(config.joined(separator: ", "))}}"#
        }.joined(separator: ", ") + "]"
        let expected = try ReferencePython.run(script, input: input).split(separator: "\n").map(String.init)
        #expect(expected == cases.map { $0.lm.cacheKey(messages: $0.messages, config: $0.config) })
    }

    private func jsonString(_ text: String) -> String { JSONValue.string(text).serialized() }
}
