/// What `serve-llm` serves and how.
public struct ServeOptions: Sendable, Equatable {
    /// The model, also the name the server answers to.
    public var model: ServedModel
    /// The port on 127.0.0.1; 0 picks a free one.
    public var port: Int
    /// llama-server's slots: requests decoded at the same time.
    public var parallel: Int
    /// Tokens of context shared by the slots (each gets an equal share for prompt plus answer); nil for
    /// `defaultContextPerSlot` per slot.
    public var contextSize: Int?
    /// Whether llama-server's log is copied to stderr (it is always written to the log file).
    public var forwardLog: Bool
    /// CPU threads llama-server computes with; nil for its default (every core). On a machine whose cores are busy
    /// with other work, 1 is far faster: two threads wait on each other at every step whenever one is descheduled
    /// (measured here under a load of ~12 on 2 cores, Qwen2.5-Coder-0.5B: 0.4–1.2 tokens/s with 2 threads, 13–14 with 1).
    public var threads: Int?

    /// Options with `serve-llm`'s defaults.
    public init(model: ServedModel = .qwen25Coder05b, port: Int = 8080, parallel: Int = 1,
                contextSize: Int? = nil, forwardLog: Bool = true, threads: Int? = nil) {
        self.model = model
        self.port = port
        self.parallel = parallel
        self.contextSize = contextSize
        self.forwardLog = forwardLog
        self.threads = threads
    }

    /// Tokens per slot when no context size is given: a text-to-SQL prompt with a schema and a few demos
    /// stays well under it.
    public static let defaultContextPerSlot = 4096

    /// The context size passed to llama-server.
    public var effectiveContextSize: Int { contextSize ?? Self.defaultContextPerSlot * parallel }

    /// llama-server's arguments for these options.
    func serverArguments(weights: String, port: Int) -> [String] {
        [
            "--model", weights, "--alias", model.rawValue, "--host", "127.0.0.1", "--port", String(port),
            "--parallel", String(parallel), "--ctx-size", String(effectiveContextSize),
            "--no-ui",
        ] + (threads.map { ["--threads", String($0)] } ?? [])
    }
}
