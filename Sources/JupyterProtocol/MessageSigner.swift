import Crypto
import Foundation

/// Signs and verifies messages with HMAC-SHA256 over the header, parent header, metadata and content frames.
public struct MessageSigner: Sendable {
    // Raw bytes rather than `SymmetricKey`, which swift-crypto does not mark Sendable.
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
        return String(decoding: Self.hex(mac(frames, key: key)), as: UTF8.self)
    }

    /// Whether `signature` (the raw frame) matches the frames, compared in constant time.
    public func isValid<Frames: Sequence<Data>>(signature: Data, of frames: Frames) -> Bool {
        guard let key else { return true }
        let expected = Self.hex(mac(frames, key: key))
        guard signature.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (received, wanted) in zip(signature, expected) { difference |= received ^ wanted }
        return difference == 0
    }

    private func mac<Frames: Sequence<Data>>(_ frames: Frames, key: Data) -> HMAC<SHA256>.MAC {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        for frame in frames { hmac.update(data: frame) }
        return hmac.finalize()
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ mac: HMAC<SHA256>.MAC) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in mac {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }
}

/// A connection file asked for a signature scheme this kernel does not implement.
public struct UnsupportedSignatureScheme: Error, CustomStringConvertible, Sendable {
    public let scheme: String
    public var description: String { "signature scheme \"\(scheme)\" is not supported (only hmac-sha256)" }
}
