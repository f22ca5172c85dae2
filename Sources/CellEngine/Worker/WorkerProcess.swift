import CellRuntime
import Foundation
import KernelInterpreter
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One running `swift-dspy-worker`: a socket for framed messages on its fd 3, pipes on its fds 1 and 2.
///
/// The engine's execute thread is the only reader; `interrupt` and `kill` may come from any thread.
final class WorkerProcess: Sendable {
    /// What `receive` saw next.
    enum Event: Sendable {
        case message(WorkerMessage)
        /// The worker ended; the description names the signal or exit status.
        case exited(WorkerExit)
        case timedOut
    }

    let pid: pid_t
    private let socket: Int32
    private let outputs: [(fd: Int32, name: StreamName)]
    private let state = Mutex(ReadState())

    private struct ReadState {
        var frames = FrameBuffer()
        var partialText: [Int32: Data] = [:]
        var exit: WorkerExit?
        /// Waited for: from then on the pid may belong to another process, so it is never signalled again.
        var isReaped = false
    }

    private init(pid: pid_t, socket: Int32, stdout: Int32, stderr: Int32) {
        self.pid = pid
        self.socket = socket
        self.outputs = [(stdout, .stdout), (stderr, .stderr)]
    }

    /// A worker nobody holds any more is stopped and waited for: a child left unwaited stays a zombie, and a
    /// zombie stalls whatever in this process waits for any child (Swift Testing's exit tests do).
    deinit {
        close(socket)
        for output in outputs { close(output.fd) }
        if !state.withLock({ $0.isReaped }) {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// Starts the worker executable with `environment` added to this process's environment.
    static func launch(executable: URL, environment: [String: String]) throws -> WorkerProcess {
        var pair: [Int32] = [0, 0]
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0, pipe(&out) == 0, pipe(&err) == 0 else {
            throw CellEngineError.workerUnavailable("cannot create pipes: \(String(cString: strerror(errno)))")
        }
        for fd in [pair[0], out[0], err[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        for fd in [out[0], err[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }

        defer { for fd in [out[1], err[1], pair[1]] { close(fd) } }
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(executable.path, arguments: [], descriptors: [1: out[1], 2: err[1], 3: pair[1]],
                                         environment: environment)
        } catch {
            for fd in [out[0], err[0], pair[0]] { close(fd) }
            throw CellEngineError.workerUnavailable("cannot start \(executable.path): \(error)")
        }
        return WorkerProcess(pid: pid, socket: pair[0], stdout: out[0], stderr: err[0])
    }

    /// Sends a request; false when the worker is gone.
    @discardableResult
    func send(_ message: HostMessage) -> Bool {
        guard let frame = try? FrameCodec.encode(message) else { return false }
        return FileDescriptorIO.writeAll(socket, frame)
    }

    /// Waits for the next message (or the worker's end), passing output text to `onOutput` meanwhile.
    ///
    /// The worker sends a message only once this side has read what it printed before (see the worker's
    /// `StandardStreams.waitUntilRead`), so a message is handed over before any text still in the pipes: that text
    /// came after it.
    func receive(until deadline: ContinuousClock.Instant? = nil,
                 onOutput: (StreamName, String) -> Void) -> Event {
        while true {
            if let body = state.withLock({ $0.frames.nextFrame() }) {
                guard let message = try? FrameCodec.decode(WorkerMessage.self, from: body) else { continue }
                return .message(message)
            }
            if let exit = state.withLock({ $0.exit }) { return .exited(exit) }
            // Text in the pipes came after a message whose first bytes are here: it waits for the rest of it.
            let outputEvents = state.withLock { $0.frames.isEmpty } ? Int16(POLLIN) : 0
            var fds = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
                + outputs.map { pollfd(fd: $0.fd, events: outputEvents, revents: 0) }
            var timeout: Int32 = -1
            if let deadline {
                let remaining = deadline - ContinuousClock.now
                if remaining <= .zero { return .timedOut }
                timeout = Int32(min(1000, max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)))
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { return .exited(reap()) }
            if ready <= 0 { continue }
            if fds[0].revents != 0 {
                if let bytes = FileDescriptorIO.readSome(socket) {
                    state.withLock { $0.frames.append(bytes) }
                    continue
                } else {
                    drainOutputs(onOutput, untilEmpty: true)
                    let exit = reap()
                    state.withLock { $0.exit = exit }
                }
            }
            if fds[1].revents != 0 || fds[2].revents != 0 { drainOutputs(onOutput) }
        }
    }

    /// Sends SIGINT, which the worker turns into a cooperative stop.
    func interrupt() { signal(SIGINT) }

    /// Stops the worker at once.
    func kill() { signal(SIGKILL) }

    private func signal(_ number: Int32) {
        state.withLock { if !$0.isReaped { Glibc.kill(pid, number) } }
    }

    /// Asks the worker to end, killing it if it does not within a second; waits for it.
    func shutdown() {
        send(.shutdown)
        let deadline = ContinuousClock.now + .seconds(1)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > deadline {
                kill()
                waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        state.withLock { $0.isReaped = true }
    }

    private func reap() -> WorkerExit {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        state.withLock { $0.isReaped = true }
        let signal = status & 0x7f
        return signal == 0 ? .exited(code: (status >> 8) & 0xff) : .signaled(signal)
    }

    /// Reads whatever the output pipes hold now, without blocking.
    /// Passes on what the pipes hold: one read each while the worker runs (text it writes after seeing them
    /// empty may follow a message, so it must wait for the next poll), everything once it has ended.
    private func drainOutputs(_ onOutput: (StreamName, String) -> Void, untilEmpty: Bool = false) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        for output in outputs {
            while true {
                let count = read(output.fd, &buffer, buffer.count)
                if count <= 0 { break }
                let text = state.withLock { state -> String in
                    var pending = state.partialText[output.fd] ?? Data()
                    pending.append(contentsOf: buffer[0..<count])
                    let complete = UTF8Boundary.completePrefixLength(pending)
                    state.partialText[output.fd] = pending.subdata(in: pending.startIndex + complete..<pending.endIndex)
                    return String(decoding: pending.prefix(complete), as: UTF8.self)
                }
                if !text.isEmpty { onOutput(output.name, text) }
                if !untilEmpty { break }
            }
        }
    }
}

/// How a worker process ended.
enum WorkerExit: Sendable, Equatable, CustomStringConvertible {
    case exited(code: Int32)
    case signaled(Int32)

    var description: String {
        switch self {
        case .exited(let code): "the worker exited with status \(code)"
        case .signaled(let signal): "the worker was stopped by \(Self.signalDescription(signal))"
        }
    }

    private static func signalDescription(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL (a Swift runtime trap)"
        case SIGTRAP: "SIGTRAP (a Swift runtime trap)"
        case SIGSEGV: "SIGSEGV (invalid memory access, e.g. a stack overflow or a bad pointer)"
        case SIGBUS: "SIGBUS (invalid memory access)"
        case SIGABRT: "SIGABRT (abort)"
        case SIGFPE: "SIGFPE (arithmetic error)"
        case SIGKILL: "SIGKILL"
        default: "signal \(signal)"
        }
    }
}

/// Where text split across reads can be cut without breaking a UTF-8 sequence.
enum UTF8Boundary {
    /// The length of the longest prefix of `data` that ends on a character boundary.
    static func completePrefixLength(_ data: Data) -> Int {
        let bytes = [UInt8](data.suffix(4))
        var length = data.count
        // Walk back over continuation bytes to the last lead byte, and keep it only if its sequence is whole.
        for back in 1...max(1, bytes.count) where back <= bytes.count {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0x80 { continue }
            let needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if needed > back { length -= back }
            break
        }
        return length
    }
}
