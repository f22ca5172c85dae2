@testable import DSPy
import DSPyTesting
import Foundation
import Synchronization
import Testing

/// An `LM` over several base URLs (replicas of one model) against real local servers, one of them killed mid-run.
@Suite struct ReplicaTests {
    /// Answers with the LM's raw completion of the question, so the echo server's reply can be checked per example.
    final class Echo: Module {
        var model: LM?
        override func forward(_ inputs: Example) throws -> Prediction {
            Prediction(["answer": .string(try model!(inputs.question.stringValue ?? "")[0])])
        }
    }

    @Test func anEvaluationOverThreeReplicasLosesNothingWhenOneIsKilled() throws {
        let servers = try (0..<3).map { _ in try OpenAITestServer() }
        // No retries: a call the killed replica drops can only succeed by going to another replica.
        let lm = LM("openai/paced-30", apiBases: servers.map(\.apiBase), apiKey: "k", cache: false, numRetries: 0)
        let devset = (0..<60).map { Example(["question": .string("question \($0)")]).withInputs("question") }
        let killed = Mutex(false)
        Thread {
            while (try? servers[1].stats().requests) ?? 0 < 4 { usleep(5_000) }
            servers[1].kill()
            killed.withLock { $0 = true }
        }.start()

        let echo = Echo()
        echo.model = lm
        let result = try Evaluate(devset: devset, metric: { example, prediction, _ in
            prediction.answer.stringValue == "echo: " + (example.question.stringValue ?? "")
        }, numThreads: 6)(echo)

        #expect(killed.withLock { $0 }, "the replica was killed while the evaluation ran")
        #expect(result.results.count == 60)
        #expect(result.failedCount == 0)
        #expect(result.score == 100)
        #expect(Set(result.results.map { $0.example.question.stringValue }).count == 60)
        let survivors = try [servers[0].stats().requests, servers[2].stats().requests]
        #expect(survivors.allSatisfy { $0 > 10 }, "both surviving replicas took a share: \(survivors)")
        #expect(survivors.reduce(0, +) >= 50, "the calls the killed replica did not answer went elsewhere: \(survivors)")
        #expect(lm.apiBases == servers.map(\.apiBase))
    }

    @Test func requestsGoToTheLeastBusyReplica() throws {
        let pool = ReplicaPool(bases: ["a", "b", "c"])
        let leases = try (0..<3).map { _ in try pool.acquire(avoiding: []) }
        #expect(Set(leases.map(\.base)) == ["a", "b", "c"])
        pool.release(leases[1], .answered)
        #expect(try pool.acquire(avoiding: []).base == "b")
        #expect(try pool.acquire(avoiding: [0]).index != 0)
    }

    @Test func aFailedReplicaRestsThenIsProbedWithOneRequest() throws {
        let pool = ReplicaPool(bases: ["a", "b"])
        pool.release(try pool.acquire(avoiding: [1]), .failed)
        #expect(try (0..<3).map { _ in try pool.acquire(avoiding: []).base } == ["b", "b", "b"])
        Thread.sleep(forTimeInterval: 0.6)
        let probe = try pool.acquire(avoiding: [])
        #expect(probe.base == "a", "back in rotation after its rest, and the least busy")
        #expect(try pool.acquire(avoiding: []).base == "b", "on probation: one request at a time")
        pool.release(probe, .answered)
        #expect(try pool.acquire(avoiding: []).base == "a")
        #expect(try pool.acquire(avoiding: []).base == "a", "a success ends probation")
    }

    @Test func aRateLimitHalvesTheReplicasConcurrencyAndSuccessesRaiseItAgain() throws {
        let pool = ReplicaPool(bases: ["a"])
        let leases = try (0..<8).map { _ in try pool.acquire(avoiding: []) }
        pool.release(leases[0], .rateLimited(retryAfter: 0))
        for lease in leases[1..<5] { pool.release(lease, .answered) }
        // Limit 4 after the 429, raised to 8 by four successes; 3 still outstanding, so 5 more fit and no 6th.
        let more = try (0..<5).map { _ in try pool.acquire(avoiding: []) }
        let waited = Mutex(false)
        let sixth = Thread { _ = try? pool.acquire(avoiding: []); waited.withLock { $0 = true } }
        sixth.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(!waited.withLock { $0 }, "the replica is at its limit")
        pool.release(more[0], .answered)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(waited.withLock { $0 }, "a freed place is taken")
    }

    @Test func whenEveryReplicaRestsTheOneBackSoonestIsUsed() throws {
        let pool = ReplicaPool(bases: ["a", "b"])
        pool.release(try pool.acquire(avoiding: [1]), .rateLimited(retryAfter: 5))
        pool.release(try pool.acquire(avoiding: [0]), .rateLimited(retryAfter: 1))
        #expect(try pool.acquire(avoiding: []).base == "b")
    }
}
