import Foundation
import Hummingbird
import JSON
import OfflineModel

/// The OpenAI-compatible routes: `/v1/chat/completions`, `/v1/completions`, `/v1/models`.
struct CompletionRoutes: Sendable {
    let models: [any ServedModel]
    let maxBodyBytes: Int
    let faults: FaultPolicy
    let dice: FaultDice
    let slots: Slots?

    init(configuration: ServerConfiguration) {
        models = [OfflineText2SQLModel(), FixedReplyModel()]
        maxBodyBytes = configuration.maxBodyBytes
        faults = configuration.faults
        dice = FaultDice(policy: configuration.faults)
        slots = configuration.slots.map { Slots(count: $0) }
    }

    func register(on router: Router<ServerContext>) {
        router.get("/health") { _, _ in Self.json(["status": "ok"]) }
        router.get("/v1/models") { _, _ in Self.json(CompletionResponse.models(models)) }
        router.get("/v1/models/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let model = models.first(where: { type(of: $0).id == id }) else { throw Self.unknownModel(id) }
            return Self.json(CompletionResponse.models([model])["data"]?.arrayValue?.first ?? nil)
        }
        router.post("/v1/chat/completions") { request, _ in try await complete(request, chat: true) }
        router.post("/v1/completions") { request, _ in try await complete(request, chat: false) }
    }

    private func complete(_ request: Request, chat: Bool) async throws -> Response {
        var request = request
        let body = try await request.jsonBody(upTo: maxBodyBytes)
        let parsed = chat ? try CompletionRequest(chat: body) : try CompletionRequest(text: body)
        guard let model = models.first(where: { type(of: $0).id == parsed.model }) else {
            throw Self.unknownModel(parsed.model)
        }

        let (latency, fault) = try await plannedFaults(request)
        if let slots {
            return try await slots.run { try await respond(parsed, model: model, chat: chat, latency: latency, fault: fault) }
        } else {
            return try await respond(parsed, model: model, chat: chat, latency: latency, fault: fault)
        }
    }

    /// The answer (or injected failure) after the planned latency.
    private func respond(
        _ parsed: CompletionRequest, model: any ServedModel, chat: Bool, latency: Int, fault: Fault?
    ) async throws -> Response {
        if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
        switch fault {
        case .rateLimited?:
            var error = APIError(status: .tooManyRequests, message: "Rate limit injected by the server's fault settings.",
                                 type: "rate_limit_error", code: "rate_limit_exceeded")
            error.headers[.retryAfter] = String(faults.retryAfterSeconds)
            throw error
        case .serverError?:
            throw APIError(status: .internalServerError, message: "Server error injected by the server's fault settings.",
                           type: "server_error")
        case .timeout?:
            try await Task.sleep(for: .seconds(faults.hangSeconds))
            throw APIError(status: .gatewayTimeout, message: "Timeout injected by the server's fault settings.",
                           type: "server_error", code: "timeout")
        default: break
        }

        let answer = answer(parsed, model: model)
        let id = (chat ? "chatcmpl-" : "cmpl-") + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let json = chat
            ? CompletionResponse.chat(id: id, model: parsed.model, choices: answer.choices, usage: answer.usage)
            : CompletionResponse.text(id: id, model: parsed.model, choices: answer.choices, usage: answer.usage)
        var text = json.serialized()
        switch fault {
        case .truncate?: text = String(text.prefix(text.count / 2))
        case .malformed?: text = "{\"id\": \"\(id)\", \"choices\": [<<not json>>"
        default: break
        }
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func answer(_ request: CompletionRequest, model: any ServedModel)
        -> (choices: [CompletionResponse.Choice], usage: Usage)
    {
        let sampling = Sampling(temperature: request.temperature, n: request.n, seed: request.seed,
                                rolloutID: request.rolloutID)
        let texts: [String]
        let promptTokens: Int
        switch request.prompt {
        case .chat(let messages):
            texts = model.complete(messages: messages, sampling: sampling)
            promptTokens = messages.map { TokenCounter.count($0.content) + 3 }.reduce(0, +)
        case .text(let prompts):
            texts = prompts.flatMap { model.complete(text: $0, sampling: sampling) }
            promptTokens = prompts.map(TokenCounter.count).reduce(0, +)
        }
        let choices = texts.map { text in Self.finish(text, stop: request.stop, maxTokens: request.maxTokens) }
        let completionTokens = choices.map { TokenCounter.count($0.text) }.reduce(0, +)
        return (choices, Usage(promptTokens: promptTokens, completionTokens: completionTokens))
    }

    /// Applies stop sequences (cut before the first one, as OpenAI does) and the token limit.
    static func finish(_ text: String, stop: [String], maxTokens: Int?) -> CompletionResponse.Choice {
        var text = text
        if let cut = stop.compactMap({ text.range(of: $0)?.lowerBound }).min() { text = String(text[..<cut]) }
        if let maxTokens {
            let (limited, wasCut) = TokenCounter.truncate(text, to: maxTokens)
            if wasCut { return .init(text: limited, finishReason: "length") }
        }
        return .init(text: text, finishReason: "stop")
    }

    /// Latency and fault for this request: its headers first, then the server's policy.
    private func plannedFaults(_ request: Request) async throws -> (latencyMs: Int, fault: Fault?) {
        var (latency, fault) = await dice.draw()
        if let header = request.headers[.init("X-Latency-Ms")!] {
            guard let value = Int(header), value >= 0, value <= 600_000 else {
                throw APIError.invalid("X-Latency-Ms", "X-Latency-Ms must be an integer number of milliseconds (0…600000).")
            }
            latency = value
        }
        if let header = request.headers[.init("X-Fault")!] {
            guard let requested = Fault(rawValue: header.lowercased()) else {
                let names = Fault.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalid("X-Fault", "X-Fault must be one of: \(names).")
            }
            fault = requested
        }
        return (latency, fault)
    }

    static func unknownModel(_ id: String) -> APIError {
        APIError(status: .notFound, message: "The model '\(id)' does not exist; this server serves \(OfflineText2SQLModel.id) and \(FixedReplyModel.id).",
                 parameter: "model", code: "model_not_found")
    }

    static func json(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: value.serialized())))
    }
}
