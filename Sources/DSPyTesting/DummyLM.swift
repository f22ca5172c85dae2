import DSPy
import JSON
import Synchronization

/// A scripted language model for tests, like DSPy's `DummyLM`: it answers from a list, in order, and records
/// every call so tests can check the messages an adapter produced.
public final class DummyLM: LanguageModel {
    /// One recorded call.
    public struct Call: Sendable {
        public let messages: [ChatMessage]
        public let config: [String: JSONValue]
    }

    public let model: String
    private let responder: @Sendable (_ index: Int, _ messages: [ChatMessage], _ config: [String: JSONValue]) throws -> [String]
    private let recorded = Mutex<[Call]>([])

    /// Answers computed by `responder` from the call's index (from 0), messages and config.
    public init(
        model: String = "dummy",
        responder: @escaping @Sendable (_ index: Int, _ messages: [ChatMessage], _ config: [String: JSONValue]) throws -> [String]
    ) {
        self.model = model
        self.responder = responder
    }

    /// Answers with `completions` in order, one per call; `repeating` starts over at the end instead of failing.
    public convenience init(completions: [String], repeating: Bool = false, model: String = "dummy") {
        self.init(model: model) { index, _, _ in
            guard repeating || index < completions.count, !completions.isEmpty else {
                throw DummyLMError.exhausted(calls: index + 1, answers: completions.count)
            }
            return [completions[index % completions.count]]
        }
    }

    /// Answers with each dictionary written as ChatAdapter output sections (`[[ ## field ## ]]`), in key order,
    /// ending with the `completed` marker.
    public convenience init(answers: [[String: JSONValue]], repeating: Bool = false, model: String = "dummy") {
        self.init(completions: answers.map(Self.chatCompletion), repeating: repeating, model: model)
    }

    /// `fields` as the sections a ChatAdapter completion holds.
    public static func chatCompletion(_ fields: [String: JSONValue]) -> String {
        fields.keys.sorted().map { "[[ ## \($0) ## ]]\n\(fields[$0]!.pythonStr)\n\n" }.joined() + "[[ ## completed ## ]]"
    }

    public func generate(messages: [ChatMessage], config: [String: JSONValue]) throws -> [String] {
        let index = recorded.withLock { calls in
            calls.append(Call(messages: messages, config: config))
            return calls.count - 1
        }
        return try responder(index, messages, config)
    }

    /// Every call so far, in order.
    public var calls: [Call] { recorded.withLock { $0 } }
}

/// A `DummyLM` asked for more answers than it was given.
public enum DummyLMError: Error, Equatable, CustomStringConvertible {
    case exhausted(calls: Int, answers: Int)

    public var description: String {
        switch self {
        case .exhausted(let calls, let answers): "DummyLM got call \(calls) but has only \(answers) answers."
        }
    }
}
