import OfflineModel

/// A model the server answers for.
protocol ServedModel: Sendable {
    /// The id clients pass as `model`.
    static var id: String { get }
    /// One line saying what it is, shown in `/v1/models`.
    static var summary: String { get }
    func complete(messages: [PromptMessage], sampling: Sampling) -> [String]
    func complete(text: String, sampling: Sampling) -> [String]
}

extension OfflineText2SQLModel: ServedModel {
    static var summary: String {
        "A small deterministic text-to-SQL system built into swift-dspy (rules + prompt demos), not a language model."
    }
}

/// Answers every prompt with the same short text: a baseline that shows the server's own cost in benchmarks.
struct FixedReplyModel: ServedModel {
    static let id = "fixed-reply"
    static let summary = "Answers every prompt with a fixed text; for measuring the server itself."
    static let reply = "[[ ## answer ## ]]\nfixed\n[[ ## completed ## ]]"

    func complete(messages: [PromptMessage], sampling: Sampling) -> [String] {
        Array(repeating: Self.reply, count: max(1, sampling.n))
    }

    func complete(text: String, sampling: Sampling) -> [String] {
        Array(repeating: Self.reply, count: max(1, sampling.n))
    }
}
