import Foundation
import JSON
import Synchronization

/// JSON-RPC 2.0 over a child process's stdin and stdout, one message per line (MCP's stdio transport).
///
/// A reader thread hands each response to the request waiting for its id; when the process exits, every waiting
/// request fails with `MCPError.serverExited`, naming the exit status and the end of what the server wrote on stderr.
final class StdioConnection: Sendable {
    private struct State {
        var nextID = 1
        var waiting: [Int: @Sendable (Result<JSONValue, MCPError>) -> Void] = [:]
        /// Why no more responses will come, once the server's stdout has closed.
        var ended: MCPError?
        var stderrTail = ""
    }

    private let process: Process
    private let input: FileHandle
    private let state = Mutex(State())
    private let writeLock = Mutex(())
    /// What the server is, for errors: its command line.
    let command: String

    /// Starts `executable` with `arguments` and begins reading its output.
    init(executable: String, arguments: [String], environment: [String: String]?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        command = ([executable] + arguments).joined(separator: " ")
        // Close-on-exec channels: a process another thread spawns meanwhile must not inherit our ends, or the server's
        // exit would never read as end of file here.
        let stdin = try Self.pipe(command), stdout = try Self.pipe(command), stderr = try Self.pipe(command)
        process.standardInput = stdin.read
        process.standardOutput = stdout.write
        process.standardError = stderr.write
        // A server that dies while we write must be an error, not SIGPIPE ending this process.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            throw MCPError.launchFailed(command: command, reason: "\(error)")
        }
        for childEnd in [stdin.read, stdout.write, stderr.write] { try? childEnd.close() }
        self.process = process
        input = stdin.write
        Thread.detachNewThread { [self] in readErrors(stderr.read) }
        Thread.detachNewThread { [self] in readMessages(stdout.read) }
    }

    /// A one-way channel made close-on-exec atomically: a socket pair (Glibc's module lacks `pipe2`).
    private static func pipe(_ command: String) throws -> (read: FileHandle, write: FileHandle) {
        var fds: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw MCPError.launchFailed(command: command, reason: "socketpair: \(String(cString: strerror(errno)))")
        }
        return (FileHandle(fileDescriptor: fds[0], closeOnDealloc: true), FileHandle(fileDescriptor: fds[1], closeOnDealloc: true))
    }

    deinit {
        // SIGKILL, not terminate(): test runners block SIGTERM and children inherit the blocked mask.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Sends a request and waits up to `timeout` seconds for its result.
    ///
    /// - Throws: `MCPError` for an error response, a server that exited, or no answer in time.
    func request(_ method: String, params: JSONValue, timeout: Double) throws -> JSONValue {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<JSONValue, MCPError>?>(nil)
        let id = try send(method, params: params) { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success else {
            _ = state.withLock { $0.waiting.removeValue(forKey: id) }
            throw MCPError.timedOut(method: method, seconds: timeout)
        }
        return try outcome.withLock { $0! }.get()
    }

    /// Sends a notification (no response).
    func notify(_ method: String, params: JSONValue = [:]) throws {
        try write(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Stops the server.
    func close() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private func send(_ method: String, params: JSONValue, onResult: @escaping @Sendable (Result<JSONValue, MCPError>) -> Void) throws -> Int {
        let id = try state.withLock { state -> Int in
            if let ended = state.ended { throw ended }
            defer { state.nextID += 1 }
            state.waiting[state.nextID] = onResult
            return state.nextID
        }
        try write(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return id
    }

    private func write(_ message: JSONValue) throws {
        let line = Data((message.serialized() + "\n").utf8)
        try writeLock.withLock { _ in
            do {
                try input.write(contentsOf: line)
            } catch {
                // The server is gone: say how it ended once the reader has seen it (within a second).
                for _ in 0..<20 where state.withLock({ $0.ended }) == nil { Thread.sleep(forTimeInterval: 0.05) }
                throw state.withLock { $0.ended } ?? MCPError.serverExited(command: command, status: nil, stderr: "")
            }
        }
    }

    private func readMessages(_ output: FileHandle) {
        var buffer = Data()
        while true {
            let chunk = output.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                if let message = try? JSONValue(parsing: Data(line)) { receive(message) }
            }
        }
        process.waitUntilExit()
        // The stderr reader may still hold the last lines: give it a moment to finish.
        Thread.sleep(forTimeInterval: 0.05)
        let waiting = state.withLock { state in
            state.ended = .serverExited(command: command, status: process.terminationStatus, stderr: state.stderrTail)
            defer { state.waiting = [:] }
            return state.waiting.values.map { ($0, state.ended!) }
        }
        for (resume, error) in waiting { resume(.failure(error)) }
    }

    private func receive(_ message: JSONValue) {
        guard let id = message["id"]?.intValue else { return }
        if let method = message["method"]?.stringValue {
            // A request from the server: answer ping, decline the rest.
            let reply: JSONValue = method == "ping"
                ? ["jsonrpc": "2.0", "id": .int(id), "result": [:]]
                : ["jsonrpc": "2.0", "id": .int(id), "error": ["code": -32601, "message": .string("Method not found: \(method)")]]
            try? write(reply)
            return
        }
        guard let resume = state.withLock({ $0.waiting.removeValue(forKey: id) }) else { return }
        if let error = message["error"] {
            resume(.failure(.errorResponse(code: error["code"]?.intValue ?? 0, message: error["message"]?.stringValue ?? error.pythonStr)))
        } else {
            resume(.success(message["result"] ?? .null))
        }
    }

    private func readErrors(_ errors: FileHandle) {
        while true {
            let chunk = errors.availableData
            if chunk.isEmpty { return }
            state.withLock { $0.stderrTail = String((($0.stderrTail) + String(decoding: chunk, as: UTF8.self)).suffix(2000)) }
        }
    }
}
