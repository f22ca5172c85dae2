import COpenSSL
import Foundation

/// SHA-256, fed incrementally or hashed at once (OpenSSL's libcrypto underneath).
public struct SHA256: ~Copyable {
    private let context: OpaquePointer

    /// A hasher that has seen no bytes yet.
    public init() {
        context = EVP_MD_CTX_new()!
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `data` to what is hashed.
    public mutating func update<Bytes: DataProtocol>(data: Bytes) {
        for region in data.regions {
            region.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
    }

    /// The 32-byte digest of everything added.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Array(digest.prefix(Int(length)))
    }

    /// The 32-byte SHA-256 digest of `data`.
    public static func hash<Bytes: DataProtocol>(data: Bytes) -> [UInt8] {
        oneShot(EVP_sha256(), Array(data))
    }
}

/// SHA-512 of a byte string.
public enum SHA512 {
    /// The 64-byte SHA-512 digest of `data`.
    public static func hash<Bytes: DataProtocol>(data: Bytes) -> [UInt8] {
        oneShot(EVP_sha512(), Array(data))
    }
}

/// HMAC-SHA256 of a byte string under a key.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `data` under `key`.
    public static func authenticationCode<Bytes: DataProtocol, Key: DataProtocol>(for data: Bytes, key: Key) -> [UInt8] {
        let message = Array(data), secret = Array(key)
        var code = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = HMAC(EVP_sha256(), secret, Int32(secret.count), message, message.count, &code, &length)
        return Array(code.prefix(Int(length)))
    }
}

extension Sequence<UInt8> {
    /// The bytes as lower-case hexadecimal, two digits each.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

private func oneShot(_ algorithm: OpaquePointer?, _ bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    EVP_Digest(bytes, bytes.count, &digest, &length, algorithm, nil)
    return Array(digest.prefix(Int(length)))
}
