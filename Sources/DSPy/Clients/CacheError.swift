/// The response cache could not be opened, read or written.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    /// The cache file or directory.
    public let path: String
    /// What was being done, e.g. `"open"` or `"write <key>"`.
    public let operation: String
    /// The underlying cause.
    public let reason: String

    public var description: String { "Response cache at \(path): could not \(operation): \(reason)" }
}
