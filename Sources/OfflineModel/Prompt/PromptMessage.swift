/// One chat message as the offline model reads it: a role and its text.
public struct PromptMessage: Sendable, Hashable {
    /// "system", "user" or "assistant" (other roles are read as user text).
    public var role: String
    /// The message text.
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
