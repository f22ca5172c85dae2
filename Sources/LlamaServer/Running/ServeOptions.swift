import Foundation

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
    /// CPU threads llama-server computes with; nil for `defaultThreads`.
    public var threads: Int?
    /// Whether llama-server's log is copied to stderr (it is always written to the log file).
    public var forwardLog: Bool

    /// Options with `serve-llm`'s defaults.
    public init(model: ServedModel = .qwen25Coder05b, port: Int = 8080, parallel: Int = 1,
                contextSize: Int? = nil, threads: Int? = nil, forwardLog: Bool = true) {
        self.model = model
        self.port = port
        self.parallel = parallel
        self.contextSize = contextSize
        self.threads = threads
        self.forwardLog = forwardLog
    }

    /// Tokens per slot when no context size is given: a text-to-SQL prompt with a schema and a few demos
    /// stays well under it.
    public static let defaultContextPerSlot = 4096

    /// The context size passed to llama-server.
    public var effectiveContextSize: Int { contextSize ?? Self.defaultContextPerSlot * parallel }

    /// One thread fewer than the machine has cores (at least one). llama.cpp's threads spin-wait for each other
    /// at every step, so with all cores busy a single other process stalls them all: on the shared 2-core
    /// machine SmolLM2 generated 2.3 tokens/s with 2 threads and 31–59 with 1.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    /// The thread count passed to llama-server.
    public var effectiveThreads: Int { threads ?? Self.defaultThreads }

    /// llama-server's arguments for these options.
    func serverArguments(weights: String, port: Int) -> [String] {
        [
            "--model", weights, "--alias", model.rawValue, "--host", "127.0.0.1", "--port", String(port),
            "--parallel", String(parallel), "--ctx-size", String(effectiveContextSize),
            "--threads", String(effectiveThreads),
            "--no-ui",
        ]
    }
}
