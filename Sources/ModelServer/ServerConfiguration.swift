/// Where and how the model server listens.
public struct ServerConfiguration: Sendable {
    /// The address to bind; 127.0.0.1 keeps the server private to this machine.
    public var host: String
    /// The port; 0 picks a free one (read it from `onListening`).
    public var port: Int
    /// Request bodies larger than this are refused with 413.
    public var maxBodyBytes: Int
    /// Writes one line per request to stderr.
    public var accessLog: Bool
    public var faults: FaultPolicy
    /// How many completions are worked on at once (the rest wait), like llama-server's `--parallel`; nil for no limit.
    public var slots: Int?

    public init(host: String = "127.0.0.1", port: Int = 8800, maxBodyBytes: Int = 4 << 20, accessLog: Bool = true,
                faults: FaultPolicy = FaultPolicy(), slots: Int? = nil) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.accessLog = accessLog
        self.faults = faults
        self.slots = slots
    }
}
