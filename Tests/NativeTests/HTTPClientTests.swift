import DSPyTesting
import Foundation
import HTTPClient
import Synchronization
import Testing

@Suite struct HTTPClientTests {
    private func stats(_ client: HTTPClient, _ server: OpenAITestServer) throws -> [String: Any] {
        let response = try client.get(server.baseURL + "/stats")
        return try JSONSerialization.jsonObject(with: Data(response.body)) as! [String: Any]
    }

    /// The headers the server saw on the last request, asked for on a separate client.
    private func lastRequestHeaders(_ server: OpenAITestServer) throws -> [String: String]? {
        (try stats(HTTPClient(), server)["last"] as? [String: Any])?["headers"] as? [String: String]
    }

    @Test func postSendsHeadersAndBodyAndReturnsTheResponse() throws {
        let server = try OpenAITestServer()
        let client = HTTPClient()
        let body = Array(#"{"model": "echo", "messages": [{"role": "user", "content": "héllo"}]}"#.utf8)
        let response = try client.post(
            server.baseURL + "/v1/chat/completions",
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer secret")], body: body)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.text.contains("echo: héllo"))
        let last = try stats(client, server)["last"] as! [String: Any]
        let headers = last["headers"] as! [String: String]
        #expect(headers["Authorization"] == "Bearer secret")
        #expect(headers["Expect"] == nil)
        #expect(last["path"] as? String == "/v1/chat/completions")
    }

    @Test func responseHeadersHaveLowerCasedNamesAndTrimmedValues() throws {
        let server = try OpenAITestServer()
        let response = try HTTPClient().post(
            server.baseURL + "/v1/chat/completions", body: Array(#"{"model": "rate-limit-once"}"#.utf8))
        #expect(response.status == 429)
        let names = response.headers.map(\.name)
        #expect(names.contains("retry-after") && names.contains("content-type") && names.contains("content-length"))
        #expect(names.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        #expect(response.header("RETRY-AFTER") == "1")
        #expect(response.header("Content-Length") == String(response.body.count))
    }

    @Test func eachRequestOnAReusedHandleSendsItsOwnHeaders() throws {
        let server = try OpenAITestServer()
        let client = HTTPClient(maxIdleHandles: 1)
        let url = server.baseURL + "/v1/completions"
        let body = Array(#"{"model":"echo","prompt":"x"}"#.utf8)
        for (name, value) in [("X-First", "1"), ("X-First", "1"), ("X-Second", "2")] {
            _ = try client.post(url, headers: [("Content-Type", "application/json"), (name, value)], body: body)
            let headers = try lastRequestHeaders(server)
            #expect(headers?[name] == value)
            #expect(headers?[name == "X-First" ? "X-Second" : "X-First"] == nil)
        }
        _ = try client.post(url, body: body)
        let headers = try lastRequestHeaders(server)
        #expect(headers?["X-First"] == nil && headers?["X-Second"] == nil)
    }

    @Test func errorStatusesComeBackAsResponses() throws {
        let server = try OpenAITestServer()
        let response = try HTTPClient().post(
            server.baseURL + "/v1/chat/completions", body: Array(#"{"model": "bad-request"}"#.utf8))
        #expect(response.status == 400)
        #expect(response.text.contains("Unknown parameter"))
    }

    @Test func sequentialRequestsReuseOneConnection() throws {
        let server = try OpenAITestServer()
        let client = HTTPClient()
        for _ in 0..<30 {
            let response = try client.post(server.baseURL + "/v1/completions", body: Array(#"{"model":"echo","prompt":"x"}"#.utf8))
            #expect(response.status == 200)
        }
        let counts = try stats(client, server)
        #expect(counts["requests"] as? Int == 30)
        #expect(counts["connections"] as? Int == 1)
    }

    @Test func manyThreadsShareTheClient() throws {
        let server = try OpenAITestServer()
        let client = HTTPClient()
        let url = server.baseURL + "/v1/completions"
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 16) { thread in
            for index in 0..<10 {
                let body = Array(#"{"model":"echo","prompt":"t\#(thread) r\#(index)"}"#.utf8)
                let response = try? client.post(url, body: body)
                if response?.status != 200 || response?.text.contains("echo: t\(thread) r\(index)") != true {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(try stats(client, server)["requests"] as? Int == 160)
    }

    @Test func refusedConnectionNamesTheURL() throws {
        // Port 1 (tcpmux) has no listener on these machines, so the kernel refuses at once.
        let url = "http://127.0.0.1:1/v1/models"
        #expect(throws: HTTPClientError.self) { try HTTPClient().get(url) }
        do {
            _ = try HTTPClient().get(url)
        } catch let error as HTTPClientError {
            guard case .connectionRefused(let failedURL, _) = error else {
                Issue.record("expected connectionRefused, got \(error)")
                return
            }
            #expect(failedURL == url)
        }
    }

    @Test func slowResponseTimesOut() throws {
        let server = try OpenAITestServer()
        let started = Date()
        do {
            _ = try HTTPClient().post(server.baseURL + "/v1/completions", body: Array(#"{"model":"slow"}"#.utf8), timeout: 0.5)
            Issue.record("the request should have timed out")
        } catch let error as HTTPClientError {
            #expect(error == .timedOut(url: server.baseURL + "/v1/completions", seconds: 0.5))
        }
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func cancellationStopsAWaitingRequestWithinATenthOfASecond() throws {
        let server = try OpenAITestServer()
        let stop = Atomic<Bool>(false)
        let stoppedAt = Mutex<Date?>(nil)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            stoppedAt.withLock { $0 = Date() }
            stop.store(true, ordering: .relaxed)
        }
        do {
            _ = try HTTPClient().post(server.baseURL + "/v1/completions", body: Array(#"{"model":"slow"}"#.utf8)) {
                stop.load(ordering: .relaxed)
            }
            Issue.record("the request should have been cancelled")
        } catch let error as HTTPClientError {
            #expect(error == .cancelled(url: server.baseURL + "/v1/completions"))
        }
        // The wait is checked every 0.1 s; the rest is headroom for a loaded machine.
        let stopped = try #require(stoppedAt.withLock { $0 })
        #expect(Date().timeIntervalSince(stopped) < 0.5)
    }
}
