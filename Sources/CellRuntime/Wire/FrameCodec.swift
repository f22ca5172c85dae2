import Foundation

/// Frames on the host↔worker socket: a 4-byte big-endian length, then that many bytes of JSON.
package enum FrameCodec {
    /// The frame carrying `message`.
    package static func encode<M: Encodable>(_ message: M) throws -> Data {
        let body = try JSONEncoder().encode(message)
        var length = UInt32(body.count).bigEndian
        var frame = Data(bytes: &length, count: 4)
        frame.append(body)
        return frame
    }

    /// The message in a frame's body.
    package static func decode<M: Decodable>(_ type: M.Type, from body: Data) throws -> M {
        try JSONDecoder().decode(type, from: body)
    }
}

/// Collects bytes as they arrive and cuts them into frame bodies.
package struct FrameBuffer: Sendable {
    private var pending = Data()

    package init() {}

    /// Adds received bytes.
    package mutating func append(_ bytes: Data) { pending.append(bytes) }

    /// Whether no bytes of an unfinished frame are waiting.
    package var isEmpty: Bool { pending.isEmpty }

    /// The next complete frame's body, removing it from the buffer; nil until one is complete.
    package mutating func nextFrame() -> Data? {
        guard pending.count >= 4 else { return nil }
        let start = pending.startIndex
        let length = pending[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
        guard pending.count >= 4 + length else { return nil }
        let body = pending.subdata(in: start + 4..<start + 4 + length)
        pending = pending.subdata(in: start + 4 + length..<pending.endIndex)
        return body
    }
}
