import Foundation
import JSON

/// The protocol version this implementation speaks.
public let protocolVersion = "5.3"

/// A message header: who sent what, when.
public struct MessageHeader: Sendable, Equatable {
    public var msgID: String
    public var msgType: String
    public var session: String
    public var username: String
    /// ISO 8601 with a time zone, as the spec requires.
    public var date: String
    public var version: String
    /// Fields this implementation does not interpret (e.g. `subshell_id`), kept so replies echo them.
    public var extra: [String: JSONValue] = [:]

    public init(msgID: String, msgType: String, session: String, username: String, date: String,
                version: String = protocolVersion) {
        self.msgID = msgID
        self.msgType = msgType
        self.session = session
        self.username = username
        self.date = date
        self.version = version
    }

    /// Reads a header object; `msg_id` and `msg_type` are required, the rest default to empty.
    /// - Throws: `WireError.missingField` naming the absent field.
    public init(json: [String: JSONValue]) throws(WireError) {
        guard let msgID = json["msg_id"]?.stringValue else { throw .missingField("header.msg_id") }
        guard let msgType = json["msg_type"]?.stringValue else { throw .missingField("header.msg_type") }
        self.msgID = msgID
        self.msgType = msgType
        session = json["session"]?.stringValue ?? ""
        username = json["username"]?.stringValue ?? ""
        date = json["date"]?.stringValue ?? ""
        version = json["version"]?.stringValue ?? ""
        extra = json.filter { !Self.knownFields.contains($0.key) }
    }

    private static let knownFields: Set<String> = ["msg_id", "msg_type", "session", "username", "date", "version"]

    /// The header as the wire carries it.
    public var json: [String: JSONValue] {
        extra.merging([
            "msg_id": .string(msgID), "msg_type": .string(msgType), "session": .string(session),
            "username": .string(username), "date": .string(date), "version": .string(version),
        ]) { _, known in known }
    }
}
