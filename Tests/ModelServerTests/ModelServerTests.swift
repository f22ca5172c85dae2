import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import JSON
import Testing
@testable import ModelServer

/// The server over a real socket on 127.0.0.1, driven by URLSession.
@Suite struct ModelServerTests {
    let server = ModelServer(configuration: ServerConfiguration(port: 0, maxBodyBytes: 1 << 16, accessLog: false))

    /// Runs the server on a free port for the duration of `body`, then shuts it down.
    func withServer(_ body: (URL) async throws -> Void) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = server.application { port in continuation.yield(port) }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            try await body(URL(string: "http://127.0.0.1:\(port)")!)
        } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
        task.cancel()
        _ = await task.result
    }

    func send(_ base: URL, _ path: String, body: Data? = nil) async throws -> (status: Int, json: JSONValue) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = body == nil ? "GET" : "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try JSONValue(parsing: data))
    }

    func encoded(_ value: JSONValue) -> Data { Data(value.serialized().utf8) }

    @Test func chatCompletionAnswersTheOfflineSystem() async throws {
        try await withServer { base in
            let request: JSONValue = ["model": "offline-text2sql", "messages": [["role": "user", "content": "Hi?"]]]
            let (status, body) = try await send(base, "/v1/chat/completions", body: encoded(request))
            #expect(status == 200)
            #expect(body["object"] == "chat.completion")
            let text = body["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue ?? ""
            #expect(text.contains("offline-text2sql"))
            let usage = try #require(body["usage"])
            #expect(usage["total_tokens"]?.intValue
                == (usage["prompt_tokens"]?.intValue ?? 0) + (usage["completion_tokens"]?.intValue ?? 0))
        }
    }

    @Test func errorsUseOpenAIBodiesAndTheServerKeepsServing() async throws {
        try await withServer { base in
            let (badStatus, bad) = try await send(base, "/v1/chat/completions", body: Data("{oops".utf8))
            #expect(badStatus == 400 && bad["error"]?["code"] == "invalid_json")
            let unknown: JSONValue = ["model": "nope", "messages": [["role": "user", "content": "x"]]]
            let (unknownStatus, missing) = try await send(base, "/v1/chat/completions", body: encoded(unknown))
            #expect(unknownStatus == 404 && missing["error"]?["code"] == "model_not_found")
            let huge: JSONValue = ["model": "offline-text2sql",
                                   "messages": [["role": "user", "content": .string(String(repeating: "x", count: 1 << 17))]]]
            let (hugeStatus, tooLarge) = try await send(base, "/v1/chat/completions", body: encoded(huge))
            #expect(hugeStatus == 413 && tooLarge["error"]?["message"] != nil)
            let (modelsStatus, models) = try await send(base, "/v1/models")
            #expect(modelsStatus == 200 && models["data"]?.arrayValue?.count == 2)
        }
    }

    @Test func stopSequencesAndTokenLimits() {
        #expect(CompletionRoutes.finish("a b\n\nc", stop: ["\n\n"], maxTokens: nil).text == "a b")
        let cut = CompletionRoutes.finish("one two three four", stop: [], maxTokens: 2)
        #expect(cut.text == "one two" && cut.finishReason == "length")
        #expect(TokenCounter.count("SELECT COUNT(*) FROM t;") == 8)
    }
}
