import DSPy
import Foundation
import JSON
import SQLToolkit
import Synchronization
import Testing

/// Evaluate and BootstrapFewShot against the real server, and an interrupted evaluation resumed from the disk cache,
/// with every request counted where the server sees it (`CountingProxy`).
@Suite(.serialized, .enabled(if: RealModel.isEnabled, "set SWIFT_DSPY_REAL_MODEL (./dev test-real-model)"))
struct EvaluationTests {
    @Test func evaluateKeepsTheServersSlotsBusy() throws {
        let server = try RealModel.server()
        let proxy = try CountingProxy(upstream: server.baseURL)
        let lm = RealModel.lm(proxy.baseURL)
        let rows = try RealModel.rows(8, skipping: 3)
        let evaluate = Evaluate(devset: rows, metric: ExecutionAccuracy().metric, numThreads: RealModel.parallel,
                                maxErrors: rows.count + 1)
        let result = try context(lm: lm) { try evaluate(Predict(RealModel.textToSQL)) }
        #expect(result.results.count == rows.count)
        // Every call reached the server (a parse failure adds its JSONAdapter call), several at once.
        #expect(proxy.requests == lm.history.count && proxy.requests >= rows.count, "\(proxy.requests) requests")
        #expect(proxy.peakInFlight >= 2, "at most \(proxy.peakInFlight) request(s) in flight")
        // Failures are counted, not lost: each failed row keeps its error and scores the failure score.
        #expect(result.failedCount == result.results.filter { $0.error != nil }.count)
        #expect(result.results.filter { $0.error != nil }.allSatisfy { $0.score == 0 })
    }

    @Test func bootstrapFewShotKeepsTracesTheMetricAccepts() throws {
        let server = try RealModel.server()
        let lm = RealModel.lm(server.baseURL)
        let trainset = try RealModel.rows(8, skipping: 11)
        let metric = ExecutionAccuracy().metric
        let compiled = try context(lm: lm) {
            try BootstrapFewShot(metric: metric, maxBootstrappedDemos: 2, maxLabeledDemos: 2, numThreads: RealModel.parallel)
                .compile(Predict(RealModel.textToSQL), trainset: trainset)
        }
        let demos = compiled.demos
        #expect(!demos.isEmpty && demos.count <= 2)
        // A bootstrapped demo is the model's own answer, which the metric accepted: it runs to the gold result.
        for demo in demos {
            let row = try #require(trainset.first { $0["sql_prompt"] == demo["sql_prompt"] })
            let sql = try #require(demo["sql"])
            #expect(ExecutionAccuracy().verdict(row, Prediction(fields: [("sql", sql)])).isMatch || sql == row["sql"])
        }
        // The compiled program sends its demos as user/assistant turns before the question.
        let start = lm.history.count
        _ = try context(lm: lm) { try compiled(try RealModel.rows(1, skipping: 20)[0].inputs()) }
        let messages = try #require(lm.history[start].messages)
        #expect(messages.count == 2 + 2 * demos.count)
    }

    /// An evaluation interrupted after three rows (as the kernel's interrupt button does), then run again as a new
    /// process would (same disk cache, empty memory): the three answered calls come from the cache, the server sees
    /// only the others.
    @Test func anInterruptedEvaluationResumesFromTheCacheWithoutRepeatingCalls() throws {
        let server = try RealModel.server()
        let proxy = try CountingProxy(upstream: server.baseURL)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("real-model-cache-\(UUID())").path
        try configureCache(diskCacheDir: directory)
        defer { try? configureCache() }
        let rows = try RealModel.rows(6, skipping: 24)
        let scored = Mutex(0)
        let scope = InterruptionScope()
        let interrupting = Metric(name: "execution_accuracy") { example, prediction, trace in
            defer { if scored.withLock({ $0 += 1; return $0 }) == 3 { scope.request() } }
            return try ExecutionAccuracy().metric(example, prediction, trace)
        }
        let firstLM = RealModel.lm(proxy.baseURL, cache: true)
        #expect(throws: Interrupted.self) {
            try Interruption.within(scope) {
                try context(lm: firstLM) { try Evaluate(devset: rows, metric: interrupting, numThreads: 1)(Predict(RealModel.textToSQL)) }
            }
        }
        let firstRequests = proxy.requests
        #expect(firstRequests >= 3 && firstRequests < rows.count * 2, "\(firstRequests)")

        try configureCache(diskCacheDir: directory)  // a new process: nothing in memory, the disk store as left
        let secondLM = RealModel.lm(proxy.baseURL, cache: true)
        let result = try context(lm: secondLM) {
            try Evaluate(devset: rows, metric: ExecutionAccuracy().metric, numThreads: 1)(Predict(RealModel.textToSQL))
        }
        #expect(result.results.count == rows.count)
        let hits = secondLM.history.filter(\.cacheHit).count
        let misses = secondLM.history.count - hits
        #expect(hits == firstRequests, "every call answered before the interrupt is served from the cache")
        #expect(proxy.requests - firstRequests == misses, "the server sees only the calls not made before")
        #expect(misses >= rows.count - 3)
    }
}
