import Foundation
import JSON
import Synchronization

/// A client of the toolchain's `sourcekit-lsp` over one virtual document: the session's imports (which bring
/// the standard library, DSPy and every earlier cell into scope) followed by the code being edited.
///
/// Requests are synchronous with a deadline: a slow answer yields nothing rather than a stuck frontend.
final class LanguageServer: Sendable {
    /// One completion offered by the server.
    struct Completion: Sendable, Equatable {
        /// What replaces the word at the cursor.
        var text: String
        /// What the server shows: the name with its parameters, `pread(__fd: Int32, ...)`.
        var label: String
        /// LSP's `CompletionItemKind` (3 function, 6 variable, 7 class, 14 keyword, 22 struct, ...).
        var kind: Int?
        /// A function's result type or a variable's type.
        var detail: String?
    }

    /// What a completion request got, and whether a server that had already answered served it.
    struct Completions: Sendable {
        var items: [Completion]
        /// False when this request started the server or opened the document (the cold path).
        var warm: Bool
    }

    private struct State {
        var process: Process?
        var input: FileHandle?
        var output: FileHandle?
        var buffer = Data()
        var nextID = 1
        var version = 0
        /// Set once a request was answered: the modules are loaded, later requests take the warm path.
        var answered = false
    }

    private let executable: URL
    private let directory: URL
    private let document: URL
    private let compilerArguments: [String]
    private let state = Mutex(State())

    /// - Parameters:
    ///   - swiftc: the compiler; `sourcekit-lsp` is found beside it.
    ///   - directory: a folder for the virtual document and its compilation database.
    ///   - compilerArguments: the flags cells compile with (module search paths, module maps).
    init?(swiftc: String, directory: URL, compilerArguments: [String]) {
        executable = URL(fileURLWithPath: swiftc).deletingLastPathComponent().appendingPathComponent("sourcekit-lsp")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { return nil }
        self.directory = directory
        document = directory.appendingPathComponent("Completion.swift")
        self.compilerArguments = compilerArguments
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "".write(to: document, atomically: true, encoding: .utf8)
        } catch {
            return nil
        }
        guard writeDatabase() else { return nil }
    }

    deinit { stop() }

    /// Ends the server process.
    func stop() {
        state.withLock { state in
            state.process?.terminate()
            state.process = nil
        }
    }

    private func writeDatabase() -> Bool {
        let arguments = ["swiftc", "-module-name", "CellCompletion", document.path] + compilerArguments
        let database: JSONValue = [[
            "directory": .string(directory.path), "file": .string(document.path), "arguments": .array(arguments.map { .string($0) }),
        ]]
        guard let data = try? JSONEncoder().encode(database) else { return false }
        return (try? data.write(to: directory.appendingPathComponent("compile_commands.json"), options: .atomic)) != nil
    }

    /// Completions at `line`/`column` (0-based, UTF-16) of `text`, in the server's order.
    func complete(text: String, line: Int, column: Int) -> Completions {
        let (result, warm) = request("textDocument/completion", text: text, line: line, column: column)
        // The server leaves sorting to the client: `sortText` orders by its relevance score.
        let items = (result?["items"]?.arrayValue ?? result?.arrayValue ?? []).enumerated().sorted {
            ($0.element["sortText"]?.stringValue ?? "", $0.offset) < ($1.element["sortText"]?.stringValue ?? "", $1.offset)
        }
        let completions = items.compactMap { _, item -> Completion? in
            let label = item["label"]?.stringValue
            let text = item["textEdit"]?["newText"]?.stringValue ?? item["insertText"]?.stringValue ?? label
            guard let text else { return nil }
            return Completion(text: text, label: label ?? text, kind: item["kind"]?.intValue, detail: item["detail"]?.stringValue)
        }
        return Completions(items: completions, warm: warm)
    }

    /// The hover text (signature and doc comment, Markdown) at `line`/`column` of `text`.
    func hover(text: String, line: Int, column: Int) -> String? {
        guard let result = request("textDocument/hover", text: text, line: line, column: column).result else { return nil }
        return result["contents"]?["value"]?.stringValue ?? result["contents"]?.stringValue
    }

    private func request(_ method: String, text: String, line: Int, column: Int) -> (result: JSONValue?, warm: Bool) {
        state.withLock { state -> (JSONValue?, Bool) in
            let warm = state.answered && state.process?.isRunning == true
            guard start(&state) else { return (nil, false) }
            state.version += 1
            let uri = JSONValue.string(document.absoluteString)
            if state.version == 1 {
                send(&state, ["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": [
                    "textDocument": ["uri": uri, "languageId": "swift", "version": .int(state.version), "text": .string(text)],
                ]])
            } else {
                send(&state, ["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
                    "textDocument": ["uri": uri, "version": .int(state.version)],
                    "contentChanges": [["text": .string(text)]],
                ]])
            }
            let result = call(&state, method, ["textDocument": ["uri": uri], "position": ["line": .int(line), "character": .int(column)]])
            if result != nil { state.answered = true }
            return (result, warm)
        }
    }

    private func start(_ state: inout State) -> Bool {
        if state.process?.isRunning == true { return true }
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = directory
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        state = State(process: process, input: input.fileHandleForWriting, output: output.fileHandleForReading)
        let root = JSONValue.string(directory.absoluteString)
        guard call(&state, "initialize", ["processId": .int(Int(getpid())), "rootUri": root, "capabilities": [
            "textDocument": ["completion": ["completionItem": ["snippetSupport": false]], "hover": ["contentFormat": ["markdown"]]],
        ]], timeout: 30) != nil else {
            process.terminate()
            state.process = nil
            return false
        }
        send(&state, ["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        return true
    }

    private func call(_ state: inout State, _ method: String, _ params: JSONValue, timeout: Double = 15) -> JSONValue? {
        let id = state.nextID
        state.nextID += 1
        send(&state, ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, let message = receive(&state, until: deadline) {
            if message["id"]?.intValue == id, message["method"] == nil { return message["result"] ?? .null }
            // The server's own requests (capability registration, progress) get an empty answer.
            if let serverID = message["id"], message["method"] != nil {
                send(&state, ["jsonrpc": "2.0", "id": serverID, "result": .null])
            }
        }
        return nil
    }

    private func send(_ state: inout State, _ message: JSONValue) {
        guard let body = try? JSONEncoder().encode(message) else { return }
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        try? state.input?.write(contentsOf: frame)
    }

    private func receive(_ state: inout State, until deadline: Date) -> JSONValue? {
        while true {
            if let separator = state.buffer.range(of: Data("\r\n\r\n".utf8)) {
                let header = String(decoding: state.buffer[..<separator.lowerBound], as: UTF8.self)
                let length = header.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    return parts.count == 2 && parts[0].lowercased() == "content-length"
                        ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
                }.first ?? 0
                let bodyStart = separator.upperBound
                if state.buffer.count - (bodyStart - state.buffer.startIndex) >= length {
                    let body = state.buffer.subdata(in: bodyStart..<bodyStart + length)
                    state.buffer = state.buffer.subdata(in: bodyStart + length..<state.buffer.endIndex)
                    return try? JSONDecoder().decode(JSONValue.self, from: body)
                }
            }
            guard let output = state.output, Date() < deadline, let chunk = Self.read(output, until: deadline) else {
                return nil
            }
            state.buffer.append(chunk)
        }
    }

    /// Reads what the server wrote, waiting at most until `deadline`.
    private static func read(_ handle: FileHandle, until deadline: Date) -> Data? {
        var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        let data = handle.availableData
        return data.isEmpty ? nil : data
    }
}
