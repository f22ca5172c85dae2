import Foundation
import Synchronization

/// A TCP relay on 127.0.0.1 in front of the model server that counts the chat-completion requests passing through
/// it and the most that were in flight at once — what the server saw, independent of the client under test.
///
/// Requests are counted by their request line in the client-to-server stream (JSON bodies carry no raw CRLF, so
/// the line cannot appear inside one); a request is in flight from its request line until the server's bytes of the
/// next response start arriving on the same connection. Killing the upstream closes the relayed connections.
final class CountingProxy: Sendable {
    /// The base URL to give clients, e.g. `http://127.0.0.1:41234/v1`.
    let baseURL: String
    private let listener: Int32
    private let upstreamPort: UInt16
    private let state = Mutex(State())

    private struct State {
        var requests = 0
        var inFlight = 0
        var peakInFlight = 0
        var closed = false
    }

    private static let requestLine = Array("POST /v1/chat/completions ".utf8)

    /// Listens on a free port and relays to `upstream` (`http://127.0.0.1:PORT/v1`).
    init(upstream: String) throws {
        guard let url = URL(string: upstream), let port = url.port else { throw ProxyError("no port in \(upstream)") }
        upstreamPort = UInt16(port)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 64) == 0 else { throw ProxyError("cannot listen: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        listener = socket
        baseURL = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/v1"
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { close() }

    /// Chat-completion requests relayed so far.
    var requests: Int { state.withLock { $0.requests } }

    /// The most requests that were in flight at the same time.
    var peakInFlight: Int { state.withLock { $0.peakInFlight } }

    /// Stops accepting connections.
    func close() {
        let wasOpen = state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        if wasOpen { shutdown(listener, Int32(SHUT_RDWR)); Glibc.close(listener) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { Glibc.close(client); Glibc.close(upstream); continue }
            let waiting = Mutex(0)  // this connection's requests still waiting for a response
            let relaysDone = Mutex(0)
            let finish: @Sendable () -> Void = {
                if relaysDone.withLock({ $0 += 1; return $0 }) == 2 { Glibc.close(client); Glibc.close(upstream) }
            }
            Thread { [self] in
                var tail: [UInt8] = []
                relay(from: client, to: upstream) { chunk in
                    let scanned = tail + chunk
                    tail = Array(scanned.suffix(Self.requestLine.count - 1))
                    let count = Self.occurrences(of: Self.requestLine, in: scanned)
                    guard count > 0 else { return }
                    waiting.withLock { $0 += count }
                    state.withLock { state in
                        state.requests += count
                        state.inFlight += count
                        state.peakInFlight = max(state.peakInFlight, state.inFlight)
                    }
                }
                finish()
            }.start()
            Thread { [self] in
                relay(from: upstream, to: client) { _ in
                    // HTTP/1.1 without pipelining: the client sends its next request only after this response.
                    let answered = waiting.withLock { waiting in
                        defer { waiting = max(0, waiting - 1) }
                        return waiting > 0
                    }
                    if answered { state.withLock { $0.inFlight -= 1 } }
                }
                finish()
            }.start()
        }
    }

    /// Copies bytes until either side closes, showing each chunk to `observe` first.
    private func relay(from source: Int32, to destination: Int32, observe: ([UInt8]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        copying: while true {
            let count = read(source, &buffer, buffer.count)
            if count <= 0 { break }
            observe(Array(buffer[0..<count]))
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, count - sent) }
                if written <= 0 { break copying }
                sent += written
            }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(destination, Int32(SHUT_RDWR))
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard haystack.count >= needle.count else { return 0 }
        var count = 0
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { count += 1 }
        }
        return count
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

struct ProxyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
