import Foundation
import Synchronization

/// The replicas of one model (several base URLs serving the same weights) and how busy and healthy each is.
///
/// A request goes to the replica with the fewest requests outstanding among those in rotation. A replica that
/// fails (no connection, a timeout, a 5xx) rests out of rotation (0.5 s, doubling per failure up to 30 s), then is
/// probed back in with one request at a time until one succeeds. Each replica has a concurrency limit, unbounded
/// until it answers 429: then the limit halves and the replica rests for its `Retry-After`; each success raises the
/// limit by one again. When every replica rests, the one back soonest is used (the caller's retry backoff waits);
/// when every replica is at its limit, a request waits for a free place.
final class ReplicaPool: Sendable {
    /// One request's place on a replica, returned with `release`.
    struct Lease: Sendable {
        let index: Int
        let base: String
    }

    /// How a leased request ended, as far as the replica's health goes.
    enum Outcome: Sendable {
        /// The replica answered (2xx, or a 4xx that is the request's fault).
        case answered
        /// No usable answer: transport failure, timeout or 5xx.
        case failed
        /// 429, with the server's `Retry-After` when it gave one.
        case rateLimited(retryAfter: Double?)
        /// The caller stopped waiting (an interrupt): says nothing about the replica.
        case abandoned
    }

    private struct Replica {
        var outstanding = 0
        /// Requests allowed at once; nil until the first 429.
        var limit: Int?
        var failures = 0
        var restingUntil: ContinuousClock.Instant?

        func isResting(at now: ContinuousClock.Instant) -> Bool { restingUntil.map { now < $0 } ?? false }

        /// A replica on probation (it failed, its rest is over) takes one request at a time.
        var hasRoom: Bool {
            if failures > 0 { return outstanding == 0 }
            return limit.map { outstanding < $0 } ?? true
        }
    }

    /// The base URLs, without trailing slashes.
    let bases: [String]
    private let replicas: Mutex<[Replica]>
    /// Once a raised limit reaches this, the replica is unbounded again.
    private static let unboundedAbove = 1024

    init(bases: [String]) {
        self.bases = bases
        replicas = Mutex(Array(repeating: Replica(), count: bases.count))
    }

    /// A place on the best replica, preferring those not in `tried`; waits (interruptibly) while every replica in
    /// rotation is at its limit.
    func acquire(avoiding tried: Set<Int>) throws -> Lease {
        while true {
            try Interruption.check()
            let chosen: Int? = replicas.withLock { replicas in
                let now = ContinuousClock.now
                let all = Array(replicas.indices)
                let inRotation = all.filter { !replicas[$0].isResting(at: now) }
                // Every replica rests: the one back soonest takes the request.
                let pool = inRotation.isEmpty
                    ? [all.min { replicas[$0].restingUntil! < replicas[$1].restingUntil! }!] : inRotation
                let open = pool.filter { replicas[$0].hasRoom || inRotation.isEmpty }
                let preferred = open.filter { !tried.contains($0) }
                guard let index = (preferred.isEmpty ? open : preferred).min(by: { replicas[$0].outstanding < replicas[$1].outstanding })
                else { return nil }
                replicas[index].outstanding += 1
                return index
            }
            if let chosen { return Lease(index: chosen, base: bases[chosen]) }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// Gives back a place and records how the request ended.
    func release(_ lease: Lease, _ outcome: Outcome) {
        replicas.withLock { replicas in
            var replica = replicas[lease.index]
            let wasOutstanding = replica.outstanding
            replica.outstanding -= 1
            switch outcome {
            case .abandoned: break
            case .answered:
                replica.failures = 0
                replica.restingUntil = nil
                if let limit = replica.limit { replica.limit = limit + 1 > Self.unboundedAbove ? nil : limit + 1 }
            case .failed:
                replica.failures += 1
                replica.restingUntil = .now + .seconds(min(30, 0.5 * pow(2, Double(replica.failures - 1))))
            case .rateLimited(let retryAfter):
                replica.limit = max(1, min(replica.limit ?? wasOutstanding, wasOutstanding) / 2)
                replica.restingUntil = .now + .seconds(retryAfter ?? 1)
            }
            replicas[lease.index] = replica
        }
    }
}
