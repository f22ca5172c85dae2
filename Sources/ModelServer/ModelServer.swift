import Foundation
import Hummingbird
import Logging

/// The OpenAI-compatible HTTP server for the built-in offline text-to-SQL system.
///
/// Routes: `POST /v1/chat/completions`, `POST /v1/completions`, `POST /v1/embeddings` (the offline embedding model),
/// `GET /v1/models`, `GET /health`. Errors use OpenAI's
/// body shape; streaming is refused with a 400. SIGTERM and SIGINT stop it gracefully (in-flight requests finish).
public struct ModelServer: Sendable {
    public let configuration: ServerConfiguration

    public init(configuration: ServerConfiguration = ServerConfiguration()) {
        self.configuration = configuration
    }

    /// The Hummingbird application; `onListening` receives the bound port once the server accepts connections.
    public func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: ServerContext.self)
        // The access log sits outside the error translation so it sees the final status of every request.
        if configuration.accessLog { router.add(middleware: AccessLogMiddleware()) }
        router.add(middleware: ErrorBodyMiddleware())
        CompletionRoutes(configuration: configuration).register(on: router)
        EmbeddingRoutes(maxBodyBytes: configuration.maxBodyBytes).register(on: router)
        // Requests are logged by the access log and failures to start are thrown; Hummingbird's own log would only
        // add connection teardown noise (e.g. when a test cancels the server).
        var logger = Logger(label: "swift-dspy.serve")
        logger.logLevel = .critical
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "swift-dspy"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Serves until SIGTERM or SIGINT, then writes the access-log lines still queued.
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        defer { if configuration.accessLog { AccessLogWriter.shared.flush() } }
        try await application(onListening: onListening).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
