import ArgumentParser
import Foundation
import ModelServer

/// `swift-dspy serve`: the OpenAI-compatible server for the built-in offline text-to-SQL system.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves the built-in offline text-to-SQL system over the OpenAI-compatible HTTP API.",
        discussion: """
            Prints `listening on http://HOST:PORT` as its first line on stdout once it accepts connections, then one \
            access-log line per request on stderr. Models: offline-text2sql (the text-to-SQL system) and fixed-reply \
            (a constant answer, to measure the server itself). Per request, the headers `X-Fault: \
            429|500|timeout|truncate|malformed` and `X-Latency-Ms: N` inject failures and latency. SIGTERM or SIGINT \
            stops it after in-flight requests finish.
            """
    )

    @Option(help: "The address to bind.") var host = "127.0.0.1"
    @Option(help: "The port; 0 picks a free one.") var port = 8800
    @Option(help: "Largest accepted request body, in bytes.") var maxBodyBytes = 4 << 20
    @Flag(help: "Do not write the access log to stderr.") var quiet = false
    @Option(help: "Latency added to every completion, in milliseconds.") var latencyMs = 0
    @Option(help: "Extra random latency, uniform in 0…N milliseconds.") var latencyJitterMs = 0
    @Option(help: "Share (0…1) of completions answered 429 with Retry-After.") var rate429 = 0.0
    @Option(help: "Share (0…1) of completions answered 500.") var rate500 = 0.0
    @Option(help: "Retry-After sent with 429s, in seconds.") var retryAfter = 1
    @Option(help: "How long an X-Fault: timeout request hangs before its 504, in seconds.") var hangSeconds = 30.0
    @Option(help: "Seed for random latency and fault draws.") var faultSeed: UInt64?
    @Option(help: "Completions worked on at once, the rest waiting (like llama-server's --parallel); no limit if unset.")
    var slots: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard (0...1).contains(rate429), (0...1).contains(rate500), rate429 + rate500 <= 1 else {
            throw ValidationError("--rate429 and --rate500 must be shares between 0 and 1 that add up to at most 1.")
        }
        guard latencyMs >= 0, latencyJitterMs >= 0, maxBodyBytes > 0, retryAfter >= 0, hangSeconds >= 0 else {
            throw ValidationError("Latencies, sizes and durations must not be negative.")
        }
        if let slots, slots < 1 { throw ValidationError("--slots must be at least 1.") }
    }

    func run() throws {
        let faults = FaultPolicy(latencyMs: latencyMs, latencyJitterMs: latencyJitterMs, rate429: rate429,
                                 rate500: rate500, retryAfterSeconds: retryAfter, hangSeconds: hangSeconds, seed: faultSeed)
        let server = ModelServer(configuration: ServerConfiguration(
            host: host, port: port, maxBodyBytes: maxBodyBytes, accessLog: !quiet, faults: faults, slots: slots))
        let host = self.host
        // The root command is synchronous; the server runs on Swift concurrency while this thread waits for it.
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { port in
                    // Unbuffered, so a parent reading the pipe sees the line at once.
                    FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
                }
            } catch {
                outcome.record(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}

/// The error the server stopped with, handed from the server task to the waiting thread.
private final class ServeOutcome: @unchecked Sendable {
    // Safe: written once by the server task before `done.signal()`, read only after `done.wait()`.
    private(set) var error: (any Error)?
    func record(_ error: any Error) { self.error = error }
}
