import Foundation
import JSON

/// One Jupyter message, with the routing identities it arrived with (or is sent to).
public struct Message: Sendable {
    /// ZeroMQ routing identities before the `<IDS|MSG>` delimiter.
    public var identities: [Data]
    public var header: MessageHeader
    /// The header of the request this answers, kept verbatim; empty when there is none.
    public var parentHeader: [String: JSONValue]
    public var metadata: [String: JSONValue]
    public var content: [String: JSONValue]
    /// Binary buffers after the content frame.
    public var buffers: [Data]

    public init(identities: [Data] = [], header: MessageHeader, parentHeader: [String: JSONValue] = [:],
                metadata: [String: JSONValue] = [:], content: [String: JSONValue] = [:], buffers: [Data] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// Shorthand for `header.msgType`.
    public var type: String { header.msgType }
}
