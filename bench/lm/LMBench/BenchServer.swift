import Foundation

/// The fastest OpenAI-compatible server we can put beside the client: raw sockets, one thread per connection,
/// keep-alive, TCP_NODELAY, and one canned chat completion (in ChatAdapter's format, so `Predict` parses it).
/// It exists so that the benchmark measures client overhead, not a model.
enum BenchServer {
    static let completion = Array("""
        {"id":"bench","object":"chat.completion","created":0,"model":"bench","choices":[{"index":0,"message":\
        {"role":"assistant","content":"[[ ## answer ## ]]\\nParis\\n\\n[[ ## completed ## ]]"},"finish_reason":"stop"}],\
        "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
        """.utf8)

    static func run() throws -> Never {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 512) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot listen on 127.0.0.1: errno \(errno)") }
        // Written unbuffered: the runner reads this first line to learn the port.
        FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))\n".utf8))
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            Thread.detachNewThread { serve(connection) }
        }
    }

    private static func serve(_ connection: Int32) {
        var yes: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        let header = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(completion.count)\r\n\r\n".utf8)
        let response = header + completion
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        defer { close(connection) }
        while true {
            // One request is complete once its headers and Content-Length bytes of body have arrived.
            while let end = headerEnd(buffer) {
                let total = end + contentLength(buffer[..<end])
                guard buffer.count >= total else { break }
                buffer.removeFirst(total)
                let sent = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent != response.count { return }
            }
            let received = receive(connection, into: &chunk)
            if received <= 0 { return }
            buffer.append(contentsOf: chunk[0..<received])
        }
    }

    /// Reads what the client sent, polling without blocking for a moment first (yielding the processor between
    /// polls): a client that sends its next request right away finds the server awake, instead of paying the
    /// wake-up of a sleeping thread, which on an idle virtual machine takes longer than a whole Swift request.
    private static func receive(_ connection: Int32, into chunk: inout [UInt8]) -> Int {
        let spinEnd = ContinuousClock.now + .microseconds(100)
        while ContinuousClock.now < spinEnd {
            let received = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if received >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { return received }
            sched_yield()
        }
        return chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
    }

    private static func headerEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    /// The Content-Length value in a request head, read from the bytes (a Foundation string search here cost more
    /// per request than the whole Swift client).
    private static func contentLength(_ head: ArraySlice<UInt8>) -> Int {
        let name = Array("content-length:".utf8)
        var index = head.startIndex
        while index + name.count <= head.endIndex {
            if zip(head[index..<index + name.count], name).allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }) {
                let digits = head[(index + name.count)...].drop { $0 == UInt8(ascii: " ") }
                    .prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            }
            index += 1
        }
        return 0
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
