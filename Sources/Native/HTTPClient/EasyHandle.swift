import CCurl
import Foundation

/// One libcurl easy handle and the transfers run on it, driven through a multi handle of its own.
///
/// The multi handle keeps the connections open between transfers, which is what makes keep-alive work; the
/// client pools handles so that each thread's next request reuses a warm connection.
///
/// `@unchecked Sendable` is safe because a handle is only ever used by one thread at a time: the pool gives it
/// to exactly one caller and takes it back after `perform` returns.
final class EasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let multi: UnsafeMutableRawPointer
    /// The header list of the last transfer and the headers it was built from: callers mostly send the same
    /// headers every time, so the list is rebuilt only when they change.
    private var headerList: (headers: [(name: String, value: String)], list: UnsafeMutablePointer<curl_slist>?)?

    init() throws {
        guard let handle = curl_easy_init() else {
            throw HTTPClientError.transport(url: "", code: -1, message: "curl_easy_init failed (out of memory?)")
        }
        guard let multi = curl_multi_init() else {
            curl_easy_cleanup(handle)
            throw HTTPClientError.transport(url: "", code: -1, message: "curl_multi_init failed (out of memory?)")
        }
        self.handle = handle
        self.multi = multi
    }

    deinit {
        curl_multi_cleanup(multi)
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList?.list)
    }

    /// Runs one request to completion on this handle.
    func perform(
        _ request: HTTPRequest, connectTimeout: Double, timeout: Double, isCancelled: (@Sendable () -> Bool)?
    ) throws -> HTTPResponse {
        // Reset clears the options of the previous transfer but keeps live connections.
        curl_easy_reset(handle)
        let transfer = Transfer()
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

        let method = request.method.uppercased()
        let code: CURLcode = try request.body.withUnsafeBytes { body in
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
            return try run(isCancelled: isCancelled, url: request.url)
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

    /// How long a transfer is polled without blocking before its thread sleeps.
    static let spinTime = Duration.microseconds(50)

    /// Drives the transfer to its end and returns its result.
    ///
    /// A local server answers within tens of microseconds, and a thread that sleeps meanwhile pays a wake-up that
    /// on an idle virtual machine costs more than the whole request. So the transfer is first polled without
    /// blocking for up to `spinTime`, yielding the processor between polls to any thread that wants it; then it
    /// waits in slices of at most 100 ms, and `isCancelled` is checked between any two of them.
    private func run(isCancelled: (@Sendable () -> Bool)?, url: String) throws -> CURLcode {
        curl_multi_add_handle(multi, handle)
        defer { curl_multi_remove_handle(multi, handle) }
        let spinEnd = ContinuousClock.now + Self.spinTime
        var running: Int32 = 1
        while true {
            let status = curl_multi_perform(multi, &running)
            guard status == CURLM_OK else {
                throw HTTPClientError.transport(
                    url: url, code: Int(status.rawValue), message: String(cString: curl_multi_strerror(status)))
            }
            if running == 0 { break }
            if isCancelled?() == true { throw HTTPClientError.cancelled(url: url) }
            if ContinuousClock.now < spinEnd {
                curl_multi_poll(multi, nil, 0, 0, nil)
                sched_yield()
            } else {
                curl_multi_poll(multi, nil, 0, 100, nil)
            }
        }
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        throw HTTPClientError.transport(url: url, code: -1, message: "curl finished the transfer without a result")
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
        default:
            return .transport(url: request.url, code: Int(code.rawValue), message: detail)
        }
    }

    private func milliseconds(_ seconds: Double) -> Int {
        seconds.isFinite && seconds > 0 ? max(1, Int((seconds * 1000).rounded())) : 0
    }
}
