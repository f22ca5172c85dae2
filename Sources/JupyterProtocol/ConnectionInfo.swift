import Foundation

/// A Jupyter connection file: where the kernel's five sockets listen and the key that signs messages.
public struct ConnectionInfo: Codable, Sendable, Equatable {
    /// `tcp` or `ipc`.
    public var transport: String
    /// The address (tcp) or path prefix (ipc) the sockets bind.
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int
    /// The HMAC key; empty disables signing, as the protocol allows.
    public var key: String
    /// `hmac-sha256` (the only scheme jupyter_client generates).
    public var signatureScheme: String
    public var kernelName: String?

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", hbPort = "hb_port"
        case signatureScheme = "signature_scheme", kernelName = "kernel_name"
    }

    public init(transport: String = "tcp", ip: String = "127.0.0.1", shellPort: Int, iopubPort: Int, stdinPort: Int,
                controlPort: Int, hbPort: Int, key: String, signatureScheme: String = "hmac-sha256",
                kernelName: String? = nil) {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.controlPort = controlPort
        self.hbPort = hbPort
        self.key = key
        self.signatureScheme = signatureScheme
        self.kernelName = kernelName
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transport = try container.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
        ip = try container.decodeIfPresent(String.self, forKey: .ip) ?? "127.0.0.1"
        shellPort = try container.decode(Int.self, forKey: .shellPort)
        iopubPort = try container.decode(Int.self, forKey: .iopubPort)
        stdinPort = try container.decode(Int.self, forKey: .stdinPort)
        controlPort = try container.decode(Int.self, forKey: .controlPort)
        hbPort = try container.decode(Int.self, forKey: .hbPort)
        key = try container.decodeIfPresent(String.self, forKey: .key) ?? ""
        signatureScheme = try container.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
        kernelName = try container.decodeIfPresent(String.self, forKey: .kernelName)
    }

    /// Reads a connection file.
    /// - Throws: `ConnectionFileError` naming the file and what is wrong with it.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConnectionFileError(path: url.path, reason: "cannot be read: \(error.localizedDescription)")
        }
        do { self = try JSONDecoder().decode(ConnectionInfo.self, from: data) } catch let error as DecodingError {
            throw ConnectionFileError(path: url.path, reason: Self.explain(error))
        }
        guard transport == "tcp" || transport == "ipc" else {
            throw ConnectionFileError(path: url.path, reason: "transport \"\(transport)\" is neither tcp nor ipc")
        }
    }

    /// The libzmq endpoint for one of the ports, e.g. `tcp://127.0.0.1:5555` or `ipc:///tmp/kernel-5555`.
    public func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "field \"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case .dataCorrupted(let context): "is not JSON: \(context.debugDescription)"
        @unknown default: "is not a connection file"
        }
    }
}

/// A connection file that cannot be used.
public struct ConnectionFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "connection file \(path) \(reason)" }
}
