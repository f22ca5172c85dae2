import Foundation
import JSON

extension LM {
    /// One public call: cache lookup, the request with retries, cache store, usage and history.
    func complete(prompt: String?, messages: [ChatMessage], config: [String: JSONValue]) throws -> [String] {
        var merged = kwargs
        for (key, value) in config where key != "cache" { merged[key] = value }
        if merged["rollout_id"] == .null { merged.removeValue(forKey: "rollout_id") }
        let count = try completionCount(merged)
        let useCache = config["cache"]?.boolValue ?? cache

        let store = useCache ? try Cache.shared() : nil
        let key = store.map { _ in Cache.key(for: cacheRequest(messages: messages, merged: merged)) }
        if let store, let key, let hit = try store.get(key) {
            record(prompt: prompt, messages: messages, config: config, completion: hit, cacheHit: true)
            return hit.outputs
        }
        let completion = try request(messages: messages, merged: merged, count: count)
        if let store, let key { try store.put(key, completion) }
        UsageTracker.current?.add(model: model, usage: completion.usage)
        record(prompt: prompt, messages: messages, config: config, completion: completion, cacheHit: false)
        return completion.outputs
    }

    /// The request as DSPy 3.4.1 hashes it for its cache: the model, the messages and every generation argument
    /// (nulls included), tagged with the function DSPy would have called.
    func cacheRequest(messages: [ChatMessage], merged: [String: JSONValue]) -> [String: JSONValue] {
        var request = merged
        request["model"] = .string(model)
        request["messages"] = .array(messages.map { ["role": .string($0.role), "content": .string($0.content)] })
        request["_fn_identifier"] = .string(
            modelType == .chat ? "dspy.clients.lm.litellm_completion" : "dspy.clients.lm.litellm_text_completion")
        return request
    }

    private func completionCount(_ merged: [String: JSONValue]) throws -> Int {
        switch merged["n"] {
        case nil, .null?: return 1
        case .int(let n)? where n >= 1: return n
        case let other?: throw LMError(.configuration, model: model, message: "n must be a positive integer, got \(other)")
        }
    }

    private func record(
        prompt: String?, messages: [ChatMessage], config: [String: JSONValue], completion: CachedCompletion,
        cacheHit: Bool
    ) {
        let entry = HistoryEntry(
            prompt: prompt, messages: prompt == nil ? messages : nil,
            kwargs: config.filter { !$0.key.hasPrefix("api_") }, outputs: completion.outputs,
            usage: cacheHit ? [:] : completion.usage, timestamp: HistoryEntry.now(), model: model,
            responseModel: completion.responseModel, modelType: modelType, cacheHit: cacheHit)
        historyStore.append(entry)
        HistoryStore.global.append(entry)
    }
}
