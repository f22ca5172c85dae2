import DSPy
import Foundation
import Synchronization

/// Evaluate's throughput over replicas of one model: on the first replica alone, balanced by one `LM` over all of
/// them, and split by hand (one `LM` pinned to each replica, the devset and threads divided between them: the same
/// work without the balancer, so `balanced / pinned` is the balancer's cost).
struct ReplicaBench {
    let bases: [String]
    let examples: Int
    let threads: Int

    /// Examples per second of each measure: `one`, `balanced`, `pinned`.
    func run() throws -> [String: Double] {
        [
            "one": try measure { devset in try evaluate(devset, on: [bases[0]], threads: threads) },
            "balanced": try measure { devset in try evaluate(devset, on: bases, threads: threads) },
            "pinned": try measure { devset in
                let shares = bases.indices.map { replica in Array(devset[replica...].enumerated().filter { $0.offset % bases.count == 0 }.map(\.element)) }
                let failure = Mutex<(any Error)?>(nil)
                // One thread per replica (concurrentPerform would run only as many at once as there are cores).
                let done = DispatchGroup()
                for replica in bases.indices {
                    done.enter()
                    Thread {
                        do { try evaluate(shares[replica], on: [bases[replica]], threads: threads / bases.count) } catch {
                            failure.withLock { $0 = error }
                        }
                        done.leave()
                    }.start()
                }
                done.wait()
                if let error = failure.withLock({ $0 }) { throw error }
            },
        ]
    }

    private func measure(_ work: ([Example]) throws -> Void) throws -> Double {
        let run = UUID().uuidString
        let devset = (0..<examples).map { Example(["question": .string("question \($0) of run \(run)")]).withInputs("question") }
        let started = DispatchTime.now()
        try work(devset)
        return Double(examples) / (Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
    }

    private func evaluate(_ devset: [Example], on bases: [String], threads: Int) throws {
        let ask = Ask()
        ask.model = LM("openai/fixed-reply", apiBases: bases, apiKey: "bench", cache: false)
        let result = try Evaluate(devset: devset, metric: { _, prediction, _ in prediction.answer.stringValue != nil },
                                  numThreads: threads)(ask)
        guard result.failedCount == 0, result.results.count == devset.count else {
            throw BenchError("\(result.failedCount) of \(devset.count) examples failed on \(bases)")
        }
    }
}

/// Asks the model the example's question and answers with its reply.
final class Ask: Module {
    var model: LM?
    override func forward(_ inputs: Example) throws -> Prediction {
        Prediction(["answer": .string(try model!(inputs.question.stringValue ?? "")[0])])
    }
}
