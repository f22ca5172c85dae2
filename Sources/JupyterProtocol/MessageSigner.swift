import Digests
import Foundation

/// Signs and verifies messages with HMAC-SHA256 over the header, parent header, metadata and content frames.
public struct MessageSigner: Sendable {
    private let key: Data?

    /// A signer for `key` under `scheme`; an empty key disables signing, as the protocol allows.
    /// - Throws: `UnsupportedSignatureScheme` for any scheme but `hmac-sha256`.
    public init(key: String, scheme: String = "hmac-sha256") throws {
        guard scheme == "hmac-sha256" else { throw UnsupportedSignatureScheme(scheme: scheme) }
        self.key = key.isEmpty ? nil : Data(key.utf8)
    }

    /// Whether messages are signed at all.
    public var isSigning: Bool { key != nil }

    /// The lowercase hex signature of the four signed frames; empty when signing is disabled.
    public func signature<Frames: Sequence<Data>>(of frames: Frames) -> String {
        guard let key else { return "" }
        return mac(frames, key: key)
    }

    /// Whether `signature` (the raw frame) matches the frames, compared in constant time.
    public func isValid<Frames: Sequence<Data>>(signature: Data, of frames: Frames) -> Bool {
        guard let key else { return true }
        let expected = Array(mac(frames, key: key).utf8)
        guard signature.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (received, wanted) in zip(signature, expected) { difference |= received ^ wanted }
        return difference == 0
    }

    private func mac<Frames: Sequence<Data>>(_ frames: Frames, key: Data) -> String {
        HMACSHA256.authenticationCode(for: frames.reduce(into: Data()) { $0.append($1) }, key: key).hexString
    }
}

/// A connection file asked for a signature scheme this kernel does not implement.
public struct UnsupportedSignatureScheme: Error, CustomStringConvertible, Sendable {
    public let scheme: String
    public var description: String { "signature scheme \"\(scheme)\" is not supported (only hmac-sha256)" }
}
