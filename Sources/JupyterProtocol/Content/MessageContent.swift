import Foundation
import JSON

/// The typed content of one kind of Jupyter message: read from a message's JSON content, written into a new one.
public protocol MessageContent: Codable, Sendable {
    /// The `msg_type` of a message carrying this content.
    var messageType: String { get }
}

/// A message's content that does not have the shape its type requires; names the message type and the field.
public struct ContentError: Error, Equatable, CustomStringConvertible {
    public var messageType: String
    /// The field's path in the content, e.g. `code` or `user_expressions.x`.
    public var field: String
    public var problem: String

    public init(messageType: String, field: String, problem: String) {
        self.messageType = messageType
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(messageType): field `\(field)` \(problem)" }
}

extension MessageContent {
    /// This content as a message's JSON object.
    public var json: [String: JSONValue] {
        // Encoding plain structs of strings, numbers and JSON values cannot fail.
        let data = try! JSONEncoder().encode(self)
        return (try? JSONValue(parsing: data))?.objectValue ?? [:]
    }

    /// Reads `content` as this type.
    /// - Throws: `ContentError` naming the first field that is missing or has the wrong type.
    public init(from content: [String: JSONValue], messageType: String) throws(ContentError) {
        do {
            let data = try JSONEncoder().encode(JSONValue.object(content))
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch let error as DecodingError {
            throw ContentError(decoding: error, messageType: messageType)
        } catch {
            throw ContentError(messageType: messageType, field: "", problem: "cannot be read: \(error)")
        }
    }
}

extension Message {
    /// This message's content read as `type`.
    /// - Throws: `ContentError` naming the field that does not fit.
    public func content<Content: MessageContent>(as type: Content.Type) throws(ContentError) -> Content {
        try Content(from: content, messageType: self.type)
    }
}

extension Session {
    /// A new message carrying `content`; replies pass their request as `parent`.
    public func message(_ content: some MessageContent, parent: Message? = nil,
                        metadata: [String: JSONValue] = [:]) -> Message {
        message(content.messageType, content: content.json, parent: parent, metadata: metadata)
    }

    /// A message on IOPub about `parent`, carrying `content`.
    public func broadcast(_ content: some MessageContent, parent: Message?) -> Message {
        broadcast(content.messageType, content: content.json, parent: parent)
    }
}

extension ContentError {
    init(decoding error: DecodingError, messageType: String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(messageType: messageType, field: path(context.codingPath + [key]), problem: "is missing")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            self.init(messageType: messageType, field: path(context.codingPath),
                      problem: "should be \(ContentError.describe(type))")
        case .dataCorrupted(let context):
            self.init(messageType: messageType, field: path(context.codingPath), problem: context.debugDescription)
        @unknown default:
            self.init(messageType: messageType, field: "", problem: "cannot be read: \(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "a boolean"
        case is [String: String].Type: "an object of strings"
        case is [String].Type: "an array of strings"
        default: "\(type)".hasPrefix("Dictionary") ? "an object" : "\(type)".hasPrefix("Array") ? "an array" : "\(type)"
        }
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent or null (the spec's optional fields).
    func value<T: Decodable>(_ key: Key, or fallback: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback()
    }
}
