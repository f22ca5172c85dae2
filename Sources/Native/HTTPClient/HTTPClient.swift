import CCurl
import Synchronization

/// A small blocking HTTP/1.1 client over libcurl: the only code in the project that calls libcurl.
///
/// Requests block the calling thread, so any number of threads may send at once. Connections are kept alive:
/// the client keeps a pool of idle curl handles, each holding its open connections, and hands one to each
/// request. Cancellation is cooperative: pass a closure that says whether to stop, and a waiting request
/// ends within about a tenth of a second of it turning true.
public final class HTTPClient: Sendable {
    /// A client shared by the whole process, so that all callers reuse the same warm connections.
    public static let shared = HTTPClient()

    /// How long establishing a connection may take, in seconds.
    public let connectTimeout: Double
    /// How long a whole request may take by default, in seconds (0 for no limit).
    public let timeout: Double
    private let idleHandles = Mutex<[EasyHandle]>([])
    private let maxIdleHandles: Int

    /// Creates a client.
    /// - Parameters:
    ///   - connectTimeout: Seconds allowed for connecting.
    ///   - timeout: Default seconds allowed for a whole request; 0 for no limit.
    ///   - maxIdleHandles: How many idle handles (and their connections) to keep for reuse.
    public init(connectTimeout: Double = 10, timeout: Double = 600, maxIdleHandles: Int = 64) {
        _ = curlGlobalInit
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxIdleHandles = maxIdleHandles
    }

    /// Sends a request and waits for the whole response.
    /// - Parameters:
    ///   - request: What to send.
    ///   - timeout: Seconds allowed for this request; nil for the client's default.
    ///   - isCancelled: Checked while the request runs; returning true stops it.
    /// - Returns: The response, whatever its status.
    /// - Throws: `HTTPClientError` when no response arrived (refused, timed out, cancelled, transport failure).
    public func send(
        _ request: HTTPRequest, timeout: Double? = nil, isCancelled: (@Sendable () -> Bool)? = nil
    ) throws -> HTTPResponse {
        if isCancelled?() == true { throw HTTPClientError.cancelled(url: request.url) }
        let handle = try idleHandles.withLock { $0.popLast() } ?? EasyHandle()
        defer {
            idleHandles.withLock { idle in
                if idle.count < maxIdleHandles { idle.append(handle) }
            }
        }
        return try handle.perform(
            request, connectTimeout: connectTimeout, timeout: timeout ?? self.timeout, isCancelled: isCancelled)
    }

    /// Sends a POST with a body.
    public func post(
        _ url: String, headers: [(name: String, value: String)] = [], body: [UInt8], timeout: Double? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) throws -> HTTPResponse {
        try send(HTTPRequest(method: "POST", url: url, headers: headers, body: body), timeout: timeout, isCancelled: isCancelled)
    }

    /// Sends a GET.
    public func get(
        _ url: String, headers: [(name: String, value: String)] = [], timeout: Double? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) throws -> HTTPResponse {
        try send(HTTPRequest(method: "GET", url: url, headers: headers), timeout: timeout, isCancelled: isCancelled)
    }
}

/// libcurl's process-wide set-up, run once before the first handle exists (Swift runs global initializers once).
private let curlGlobalInit: Void = {
    curl_global_init(Int(CURL_GLOBAL_ALL))
}()
