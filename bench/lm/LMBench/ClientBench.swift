import DSPy
import Foundation
import HTTPClient
import Synchronization

/// Calls/s of the raw HTTP client (the ceiling), `LM` and `Predict`, sequentially and with 16 threads.
struct ClientBench {
    let apiBase: String
    let calls: Int
    /// The one measure to run (e.g. `"predict_sequential"`); nil for all.
    let only: String?
    let threads = 16

    func run() throws -> [String: Double] {
        let body = Array(#"{"model":"bench","messages":[{"role":"user","content":"What is the capital of France?"}]}"#.utf8)
        let url = apiBase + "/chat/completions"
        let raw: @Sendable (Int) throws -> Void = { _ in
            let response = try HTTPClient.shared.post(url, headers: [("Content-Type", "application/json")], body: body)
            guard response.status == 200 else { throw BenchError("HTTP \(response.status)") }
        }
        let lm = LM("openai/bench", apiBase: apiBase, apiKey: "bench", cache: false)
        let callLM: @Sendable (Int) throws -> Void = { index in _ = try lm("What is the capital of France? #\(index)") }
        var results: [String: Double] = [:]
        for (name, work) in try [("http", raw), ("lm", callLM)] + predictBenches(lm) {
            for (suffix, threadCount) in [("sequential", 1), ("threads16", threads)]
            where only == nil || only == "\(name)_\(suffix)" {
                results["\(name)_\(suffix)"] = try measure(threads: threadCount, work)
            }
        }
        if let only, results.isEmpty { throw BenchError("no measure named \(only)") }
        return results
    }

    /// Runs `calls` calls (after a warm-up) spread over `threads` threads; returns calls per second.
    private func measure(threads: Int, _ work: @escaping @Sendable (Int) throws -> Void) throws -> Double {
        for index in 0..<min(200, calls) { try work(index) }
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let started = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).newValue
                if index > calls { return }
                do { try work(index) } catch { failure.withLock { $0 = error }; return }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        if let error = failure.withLock({ $0 }) { throw error }
        return Double(calls) / seconds
    }
}
