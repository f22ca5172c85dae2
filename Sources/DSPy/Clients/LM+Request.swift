import Foundation
import HTTPClient
import JSON

extension LM {
    /// Arguments DSPy keeps in the LM's kwargs that configure the client, never the request body.
    private static let clientArguments: Set<String> = [
        "api_key", "api_base", "base_url", "rollout_id", "num_generations", "prompt_cache", "headers", "timeout",
        "num_retries", "cache", "n",
    ]

    /// Sends requests until `count` completions have arrived. As DSPy 3.4.1's native engine, a chat model is asked
    /// for one completion per request, with no `n` (measured: Python sends `n=3` as three bodies without it); a text
    /// model goes through LiteLLM there, which passes `n` on (servers that ignore it return fewer).
    func request(messages: [ChatMessage], merged: [String: JSONValue], count: Int) throws -> CachedCompletion {
        guard !endpoint.replicas.bases.isEmpty else {
            let variable = LM.provider(of: model).uppercased() + "_API_BASE"
            throw LMError(.configuration, model: model, message: "no API base: pass apiBase: or set \(variable)")
        }
        guard !endpoint.wireModel.isEmpty else {
            throw LMError(.configuration, model: model, message: "the model has a provider prefix but no model id after it")
        }

        var result = CachedCompletion(outputs: [], usage: [:], responseModel: nil)
        while result.outputs.count < count {
            var body = merged.filter { !LM.clientArguments.contains($0.key) && $0.value != .null }
            body["model"] = .string(endpoint.wireModel)
            switch modelType {
            case .chat: body["messages"] = .array(messages.map { ["role": .string($0.role), "content": .string($0.content)] })
            case .text: body["prompt"] = .string((messages.map(\.content) + ["BEGIN RESPONSE:"]).joined(separator: "\n\n"))
            }
            let remaining = count - result.outputs.count
            if modelType == .text, remaining > 1 { body["n"] = .int(remaining) }
            let (part, url) = try sendWithRetries(path: endpoint.completionsPath, body: CompactJSON.bytes(.object(body), schemaPropertyOrder: true),
                                                  parse: parseCompletion)
            guard !part.outputs.isEmpty else {
                throw LMError(.malformedResponse, model: model, message: "the response has no choices", url: url)
            }
            result.outputs += part.outputs.prefix(remaining)
            result.usage = UsageTracker.merged(result.usage, part.usage)
            result.responseModel = result.responseModel ?? part.responseModel
        }
        return result
    }

    /// POSTs `body` to `path` on the LM's replicas until a 2xx response arrives that `parse` reads, retrying
    /// transient failures (the embeddings client sends through here too). A failed attempt is retried at once on
    /// a replica not yet tried; when every replica has failed, after a backoff (1, 2, 4, … s, at most 60, or the
    /// server's `Retry-After`), at most `numRetries` times. Returns the parsed response and the URL that gave it.
    func sendWithRetries<Parsed>(
        path: String, body: [UInt8], parse: (HTTPResponse) throws -> Parsed
    ) throws -> (Parsed, url: String) {
        let replicas = endpoint.replicas
        var attempt = 0
        var tried = Set<Int>()
        while true {
            try Interruption.check()
            let lease = try replicas.acquire(avoiding: tried)
            let url = lease.base + path
            do {
                let parsed = try sendOnce(url: url, headers: endpoint.headers, body: body, parse: parse)
                replicas.release(lease, .answered)
                return (parsed, url)
            } catch let error as LMError where error.isRetryable {
                replicas.release(lease, error.kind == .rateLimit ? .rateLimited(retryAfter: error.retryAfter) : .failed)
                tried.insert(lease.index)
                if tried.count < replicas.bases.count { continue }
                guard attempt < numRetries else { throw error }
                try LM.wait(seconds: error.retryAfter ?? min(pow(2, Double(attempt)), 60))
                attempt += 1
                tried = []
            } catch {
                replicas.release(lease, error is LMError ? .answered : .abandoned)
                throw error
            }
        }
    }

    private func sendOnce<Parsed>(
        url: String, headers: [(name: String, value: String)], body: [UInt8], parse: (HTTPResponse) throws -> Parsed
    ) throws -> Parsed {
        let response: HTTPResponse
        do {
            response = try client.post(url, headers: headers, body: body, timeout: timeout) { Interruption.isRequested }
        } catch let error as HTTPClientError {
            switch error {
            case .cancelled: throw Interrupted()
            case .timedOut: throw LMError(.timeout, model: model, message: error.description, url: url)
            case .connectionRefused, .transport: throw LMError(.transport, model: model, message: error.description, url: url)
            }
        }
        guard (200..<300).contains(response.status) else { throw statusError(response) }
        return try parse(response)
    }

    private func statusError(_ response: HTTPResponse) -> LMError {
        var kind: LMError.Kind = switch response.status {
        case 429: .rateLimit
        case 408: .timeout
        case 401, 403: .authentication
        case 500...: .server
        default: .invalidRequest
        }
        if kind == .invalidRequest, LM.isContextWindowError(response) { kind = .contextWindowExceeded }
        return LMError(
            kind, model: model, message: LM.providerMessage(response), status: response.status, url: response.url,
            retryAfter: response.header("Retry-After").flatMap(LM.retryAfterSeconds))
    }

    /// Whether a 4xx body says the prompt is longer than the context window: OpenAI's error code (as DSPy 3.4.1
    /// reads it) or llama.cpp's error type.
    static func isContextWindowError(_ response: HTTPResponse) -> Bool {
        guard let error = (try? JSONValue(parsing: Data(response.body)))?["error"] else { return false }
        return error["code"] == "context_length_exceeded" || error["type"] == "exceed_context_size_error"
    }

    /// The provider's own words from an error body: OpenAI's `{"error": {"message"}}`, FastAPI's `{"detail"}`,
    /// or the start of the raw text.
    static func providerMessage(_ response: HTTPResponse) -> String {
        if let json = try? JSONValue(parsing: Data(response.body)) {
            if let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue
                ?? json["message"]?.stringValue ?? json["detail"]?.stringValue
            {
                return message
            }
        }
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : String(text.prefix(500))
    }

    /// `Retry-After` as seconds: a number, or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// Sleeps between retries in short slices so that an interrupt ends the wait promptly.
    static func wait(seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            try Interruption.check()
            Thread.sleep(forTimeInterval: min(0.05, max(0, deadline.timeIntervalSinceNow)))
        }
        try Interruption.check()
    }
}
