import Foundation
import JSON
import Synchronization

extension LM {
    /// One public call: cache lookup, the request with retries, cache store, usage and history.
    func complete(prompt: String?, messages: [ChatMessage], config: [String: JSONValue]) throws -> CachedCompletion {
        let merged = mergedArguments(config)
        let count = try completionCount(merged)
        let useCache = config["cache"]?.boolValue ?? cache

        let store = useCache ? try Cache.shared() : nil
        let key = store.map { _ in Cache.key(for: cacheRequest(messages: messages, merged: merged)) }
        if let store, let key, let hit = try store.get(key) {
            record(prompt: prompt, messages: messages, config: config, completion: hit, cacheHit: true)
            return hit
        }
        let completion: CachedCompletion
        if let store, let key {
            completion = try LM.runningOnAfterInterrupt {
                let completion = try self.request(messages: messages, merged: merged, count: count)
                try store.put(key, completion)
                return completion
            }
        } else {
            completion = try request(messages: messages, merged: merged, count: count)
        }
        UsageTracker.current?.add(model: model, usage: completion.usage)
        record(prompt: prompt, messages: messages, config: config, completion: completion, cacheHit: false)
        return completion
    }

    /// Runs `call` on a thread of its own, where no interrupt is seen, and waits for it. An interrupt ends the wait
    /// at once (`Interrupted`) while the call runs on and caches its answer, so that running the interrupted work
    /// again finds the answer in the cache instead of asking the model twice (Python DSPy's ParallelExecutor threads
    /// likewise finish their calls after a KeyboardInterrupt).
    static func runningOnAfterInterrupt<T: Sendable>(_ call: @escaping @Sendable () throws -> T) throws -> T {
        try Interruption.check()
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let result = Interruption.$isShielded.withValue(true) { Result { try call() } }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        while done.wait(timeout: .now() + 0.05) == .timedOut {
            try Interruption.check()
        }
        return try outcome.withLock { $0! }.get()
    }

    /// The cache key of a call with these messages and per-call arguments: the key DSPy 3.4.1 computes for
    /// the same model, messages and generation arguments.
    public func cacheKey(messages: [ChatMessage], config: [String: JSONValue] = [:]) -> String {
        Cache.key(for: cacheRequest(messages: messages, merged: mergedArguments(config)))
    }

    /// The request as DSPy 3.4.1 hashes it for its cache: the model, the messages and every generation argument
    /// (nulls included), tagged with the function DSPy would have called.
    func cacheRequest(messages: [ChatMessage], merged: [String: JSONValue]) -> [String: JSONValue] {
        var request = merged
        // DSPy passes its structured-outputs format as a pydantic model class, which its cache hashes as the schema.
        if merged["response_format"]?["type"] == "json_schema", let schema = merged["response_format"]?["json_schema"]?["schema"] {
            request["response_format"] = schema
        }
        request["model"] = .string(model)
        request["messages"] = .array(messages.map(\.json))
        request["_fn_identifier"] = .string(
            modelType == .chat ? "dspy.clients.lm.litellm_completion" : "dspy.clients.lm.litellm_text_completion")
        return request
    }

    /// The LM's arguments overridden by the call's, as DSPy merges them (`cache` is a switch, not an argument;
    /// a null `rollout_id` is dropped).
    private func mergedArguments(_ config: [String: JSONValue]) -> [String: JSONValue] {
        var merged = kwargs
        for (key, value) in config where key != "cache" { merged[key] = value }
        if merged["rollout_id"] == .null { merged.removeValue(forKey: "rollout_id") }
        return merged
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
