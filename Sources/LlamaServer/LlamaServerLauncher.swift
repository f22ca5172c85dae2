import Foundation

/// `serve-llm`: installs llama.cpp's `llama-server` and a model into the cache when missing, starts the server on
/// 127.0.0.1, announces its URL once the model answers, and stops it on a signal or when the parent goes away.
public struct LlamaServerLauncher: Sendable {
    /// Where downloads, weights, builds and logs live.
    public let layout: CacheLayout
    /// What to serve.
    public let options: ServeOptions
    /// How long the model may take to load before the start counts as failed, in seconds.
    public var readyTimeout = 300.0

    /// A launcher for `options` with the cache at `layout`.
    public init(layout: CacheLayout = .fromEnvironment(), options: ServeOptions) {
        self.layout = layout
        self.options = options
    }

    /// Serves until stopped. Must be called on the main thread (see `LlamaServerProcess`).
    /// - Parameter announce: Called with the base URL (`http://127.0.0.1:PORT/v1`) once `/health` answers.
    /// - Throws: `LlamaServerError` for a taken port, refused weights, a failed install, or a server that exits.
    public func run(announce: (String) -> Void) throws {
        let trigger = StopTrigger.process
        trigger.watch()
        // Cheap checks first: a taken port or bad weights are refused before any build.
        let port = try PortProbe.claim(options.port)
        let weights = try WeightsInstaller(layout: layout).install(options.model.weights)
        let binary = try ServerBuilder(layout: layout).install()
        if trigger.hasFired { return }
        let server = try LlamaServerProcess(
            binary: binary, arguments: options.serverArguments(weights: weights.path, port: port),
            port: port, log: layout.serverLog(port: port), onExit: { trigger.fire(.serverExited) })
        let forwarder = options.forwardLog ? LogForwarder(file: server.log) : nil
        defer {
            server.stop()
            forwarder?.stop()
        }
        try waitUntilReady(server, trigger: trigger)
        if !trigger.hasFired { announce(server.baseURL) }
        if trigger.wait() == .serverExited {
            throw exited(server)
        }
    }

    private func waitUntilReady(_ server: LlamaServerProcess, trigger: StopTrigger) throws {
        let deadline = Date().addingTimeInterval(readyTimeout)
        while !trigger.hasFired {
            if server.isHealthy() { return }
            guard Date() < deadline else {
                throw LlamaServerError.serverNotReady(url: server.baseURL, seconds: readyTimeout, log: server.log.path)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if trigger.wait() == .serverExited { throw exited(server) }
    }

    private func exited(_ server: LlamaServerProcess) -> LlamaServerError {
        server.stop()
        return .serverExited(status: server.exitStatus, log: server.log.path,
                             logTail: InstallStep.tail(of: server.log, lines: 20))
    }
}
