import CCurl

/// One libcurl easy handle and the transfers run on it.
///
/// An easy handle keeps its connections open between transfers, which is what makes keep-alive work; the
/// client pools handles so that each thread's next request reuses a warm connection.
///
/// `@unchecked Sendable` is safe because a handle is only ever used by one thread at a time: the pool gives it
/// to exactly one caller and takes it back after `perform` returns.
final class EasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    /// The header list of the last transfer and the headers it was built from: callers mostly send the same
    /// headers every time, so the list is rebuilt only when they change.
    private var headerList: (headers: [(name: String, value: String)], list: UnsafeMutablePointer<curl_slist>?)?

    init() throws {
        guard let handle = curl_easy_init() else {
            throw HTTPClientError.transport(url: "", code: -1, message: "curl_easy_init failed (out of memory?)")
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList?.list)
    }

    /// Runs one request to completion on this handle.
    func perform(
        _ request: HTTPRequest, connectTimeout: Double, timeout: Double, isCancelled: (@Sendable () -> Bool)?
    ) throws -> HTTPResponse {
        // Reset clears the options of the previous transfer but keeps live connections.
        curl_easy_reset(handle)
        let transfer = Transfer(isCancelled: isCancelled)
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        ccurl_easy_setopt_string(handle, CURLOPT_URL, request.url)
        ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(connectTimeout))
        ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(timeout))
        ccurl_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, curlHeaders(request.headers))
        ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        ccurl_easy_setopt_write_function(handle, { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        ccurl_easy_setopt_header_function(handle, { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        if isCancelled != nil {
            // curl calls this often while data moves and about once a second while it waits.
            ccurl_easy_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            ccurl_easy_setopt_progress_function(handle, { context, _, _, _, _ in
                Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue().isCancelled?() == true ? 1 : 0
            })
            ccurl_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
        }

        let method = request.method.uppercased()
        let code: CURLcode = request.body.withUnsafeBytes { body in
            switch method {
            case "GET" where request.body.isEmpty:
                ccurl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
            default:
                if method != "POST" { ccurl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method) }
                ccurl_easy_setopt_long(handle, CURLOPT_POST, 1)
                ccurl_easy_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
                // A POST with no fields pointer would make curl read the body from stdin.
                let fields = body.baseAddress ?? UnsafeRawPointer(transfer.errorBuffer)
                ccurl_easy_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: fields))
            }
            return curl_easy_perform(handle)
        }
        return try withExtendedLifetime(transfer) {
            guard code == CURLE_OK else {
                throw error(for: code, transfer: transfer, request: request, connectTimeout: connectTimeout, timeout: timeout)
            }
            var status = 0
            ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            return HTTPResponse(status: status, headers: transfer.headers, body: transfer.body, url: request.url)
        }
    }

    private func curlHeaders(_ headers: [(name: String, value: String)]) -> UnsafeMutablePointer<curl_slist>? {
        if let headerList, headerList.headers.elementsEqual(headers, by: ==) { return headerList.list }
        curl_slist_free_all(headerList?.list)
        var list: UnsafeMutablePointer<curl_slist>?
        // "Expect:" stops curl from waiting for a `100 Continue` before sending larger bodies.
        for line in headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            list = curl_slist_append(list, line)
        }
        headerList = (headers, list)
        return list
    }

    private func error(
        for code: CURLcode, transfer: Transfer, request: HTTPRequest, connectTimeout: Double, timeout: Double
    ) -> HTTPClientError {
        let detail = transfer.errorMessage ?? String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            return .connectionRefused(url: request.url, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(url: request.url, seconds: detail.hasPrefix("Connection") ? connectTimeout : timeout)
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled(url: request.url)
        default:
            return .transport(url: request.url, code: Int(code.rawValue), message: detail)
        }
    }

    private func milliseconds(_ seconds: Double) -> Int {
        seconds.isFinite && seconds > 0 ? max(1, Int((seconds * 1000).rounded())) : 0
    }
}

/// The state of one transfer that curl's C callbacks write into.
private final class Transfer {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    let isCancelled: (@Sendable () -> Bool)?
    /// curl writes its detailed message here; it must outlive the transfer at a fixed address.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(isCancelled: (@Sendable () -> Bool)?) {
        self.isCancelled = isCancelled
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
