import Foundation
import JSON

/// The kernel's side of a session: its id and username, stamped on every message it creates.
public struct Session: Sendable {
    public let id: String
    public let username: String

    public init(id: String = UUID().uuidString.lowercased(), username: String = "kernel") {
        self.id = id
        self.username = username
    }

    /// A new message with a fresh, unique `msg_id`; replies pass their request as `parent`.
    public func message(_ type: String, content: [String: JSONValue], parent: Message? = nil,
                        metadata: [String: JSONValue] = [:]) -> Message {
        let header = MessageHeader(msgID: UUID().uuidString.lowercased(), msgType: type, session: id,
                                   username: username, date: Self.timestamp())
        return Message(identities: parent?.identities ?? [], header: header,
                       parentHeader: parent?.header.json ?? [:], metadata: metadata, content: content)
    }

    /// A message on IOPub about `parent`: same parent header, but no routing identities.
    public func broadcast(_ type: String, content: [String: JSONValue], parent: Message?) -> Message {
        var message = message(type, content: content, parent: parent)
        message.identities = []
        return message
    }

    /// The current time as ISO 8601 with milliseconds and `Z`.
    public static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
