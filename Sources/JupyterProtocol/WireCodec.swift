import Foundation
import JSON

/// Turns messages into ZeroMQ frames and back:
/// `[identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]`.
public struct WireCodec: Sendable {
    /// The frame separating routing identities from the message.
    public static let delimiter = Data("<IDS|MSG>".utf8)

    public let signer: MessageSigner

    public init(signer: MessageSigner) {
        self.signer = signer
    }

    /// The frames for `message`, signed.
    public func encode(_ message: Message) -> [Data] {
        let signed = [
            Self.serialize(message.header.json), Self.serialize(message.parentHeader),
            Self.serialize(message.metadata), Self.serialize(message.content),
        ]
        return message.identities + [Self.delimiter, Data(signer.signature(of: signed).utf8)] + signed
            + message.buffers
    }

    /// The message in `frames`, after checking the signature against the raw frames.
    ///
    /// Returns the signature too, so the caller can refuse replays.
    /// - Throws: `WireError` saying what is wrong; nothing is parsed before the signature is checked.
    public func decode(_ frames: [Data]) throws(WireError) -> (message: Message, signature: Data) {
        guard let split = frames.firstIndex(of: Self.delimiter) else { throw .missingDelimiter }
        let parts = frames[(split + 1)...]
        guard parts.count >= 5 else { throw .tooFewFrames(parts.count) }
        let signature = parts[parts.startIndex]
        let signed = parts.dropFirst().prefix(4)
        if signer.isSigning {
            guard !signature.isEmpty else { throw .unsigned }
            guard signer.isValid(signature: signature, of: signed) else { throw .badSignature }
        }
        let objects = try zip(["header", "parent_header", "metadata", "content"], signed).map { name, frame throws(WireError) in
            try Self.object(frame, name: name)
        }
        let message = Message(
            identities: Array(frames[..<split]), header: try MessageHeader(json: objects[0]),
            parentHeader: objects[1], metadata: objects[2], content: objects[3],
            buffers: Array(parts.dropFirst(5)))
        return (message, signature)
    }

    private static func object(_ frame: Data, name: String) throws(WireError) -> [String: JSONValue] {
        let value: JSONValue
        do { value = try JSONValue(parsing: frame) } catch { throw .malformedJSON(frame: name) }
        guard let object = value.objectValue else { throw .notAnObject(frame: name) }
        return object
    }

    static func serialize(_ object: [String: JSONValue]) -> Data {
        Data(JSONValue.object(object).serialized().utf8)
    }
}

/// Why a set of frames is not an acceptable message.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingDelimiter
    case tooFewFrames(Int)
    case unsigned
    case badSignature
    case replayedSignature
    case malformedJSON(frame: String)
    case notAnObject(frame: String)
    case missingField(String)

    public var description: String {
        switch self {
        case .missingDelimiter: "no <IDS|MSG> delimiter frame"
        case .tooFewFrames(let count): "\(count) frames after the delimiter, at least 5 needed"
        case .unsigned: "unsigned message"
        case .badSignature: "signature does not match the session key"
        case .replayedSignature: "signature already seen in this session (replay)"
        case .malformedJSON(let frame): "\(frame) frame is not JSON"
        case .notAnObject(let frame): "\(frame) frame is not a JSON object"
        case .missingField(let field): "\(field) is missing"
        }
    }
}
