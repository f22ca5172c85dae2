import CCurl

/// The state of one transfer that curl's C callbacks write into.
final class Transfer {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    /// curl writes its detailed message here; it must outlive the transfer at a fixed address.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init() {
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit { errorBuffer.deallocate() }

    var errorMessage: String? {
        let message = String(cString: errorBuffer)
        return message.isEmpty ? nil : message
    }

    /// Reads one header line as curl passes it (with its CRLF). Works on the bytes: Foundation's trimming and
    /// lower-casing cost more than the rest of a local request.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        // A new status line starts a new response (after `100 Continue` or a redirect): keep the last one's.
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = line[..<colon].drop { Self.isSpace($0) }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let value = line[(colon + 1)...].drop { Self.isSpace($0) }
        let end = value.lastIndex { !Self.isSpace($0) }.map { $0 + 1 } ?? value.startIndex
        headers.append((String(decoding: name, as: UTF8.self), String(decoding: value[..<end], as: UTF8.self)))
    }

    /// HTTP's optional whitespace, and the line's own CR and LF.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
