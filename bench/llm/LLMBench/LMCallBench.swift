import DSPy
import Foundation
import JSON
import Synchronization

/// One LM call per conversation, cache off, spread over threads: the Swift client against the same prompts
/// the driver sends with curl.
struct LMCallBench {
    let apiBase: String
    let model: String
    let messages: URL
    let maxTokens: Int
    let threads: Int

    func run() throws -> [String: Any] {
        let conversations = try JSONDecoder().decode([[ChatMessage]].self, from: Data(contentsOf: messages))
        // Prompt caching off, as in the curl requests: a cached prefix would favour whichever client came second.
        let lm = LM("openai/\(model)", apiBase: apiBase, apiKey: "local", temperature: 0, maxTokens: maxTokens,
                    cache: false, kwargs: ["cache_prompt": .bool(false)])
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let start = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < conversations.count else { return }
                do { _ = try lm(messages: conversations[index]) } catch { failure.withLock { $0 = error }; return }
            }
        }
        let elapsed = seconds(since: start)
        if let error = failure.withLock({ $0 }) { throw error }
        return ["calls": conversations.count, "seconds": elapsed,
                "completion_tokens": lm.history.compactMap { $0.usage["completion_tokens"]?.intValue }.reduce(0, +)]
    }
}
