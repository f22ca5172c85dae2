import DSPy
import Foundation
import Synchronization
import Testing

@Suite(.serialized) struct ParallelExecutorTests {
    @Test func resultsKeepInputOrderAndErrorsStayPerItem() throws {
        struct Odd: Error {}
        let results = try ParallelExecutor(numThreads: 4).run(Array(0..<50)) { value -> Int in
            if value % 7 == 3 { throw Odd() }
            return value * 2
        }
        #expect(results.count == 50)
        for (index, result) in results.enumerated() {
            if index % 7 == 3 {
                #expect(throws: Odd.self) { try result.get() }
            } else {
                #expect(try result.get() == index * 2)
            }
        }
    }

    @Test func workerThreadsReportUsageToTheCallersTracker() throws {
        let (seen, tracker) = try trackUsage {
            try ParallelExecutor(numThreads: 4).map(Array(0..<16)) { _ in UsageTracker.current.map(ObjectIdentifier.init) }
        }
        #expect(seen.count == 16)
        #expect(seen.allSatisfy { $0 == ObjectIdentifier(tracker) })
    }

    @Test func threadsAreBounded() throws {
        let active = Mutex((now: 0, peak: 0))
        _ = try ParallelExecutor(numThreads: 3).map(Array(0..<30)) { _ in
            active.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            Thread.sleep(forTimeInterval: 0.002)
            active.withLock { $0.now -= 1 }
        }
        let peak = active.withLock { $0.peak }
        #expect(peak <= 3)
        #expect(peak >= 2)
    }

    @Test func maxErrorsStopsTheRun() {
        struct Failure: Error {}
        let started = Mutex(0)
        #expect(throws: ParallelError.self) {
            try ParallelExecutor(numThreads: 1, maxErrors: 2).run(Array(0..<100)) { _ -> Int in
                started.withLock { $0 += 1 }
                throw Failure()
            }
        }
        #expect(started.withLock { $0 } == 2)
    }

    @Test func interruptionStopsNewItems() {
        let started = Mutex(0)
        let scope = InterruptionScope()
        #expect(throws: Interrupted.self) {
            try Interruption.within(scope) {
                try ParallelExecutor(numThreads: 2).run(Array(0..<1000)) { value -> Int in
                    if started.withLock({ $0 += 1; return $0 }) == 10 { scope.request() }
                    return value
                }
            }
        }
        #expect(started.withLock { $0 } < 1000)
    }
}
