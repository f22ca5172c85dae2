import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Why a serving run ends: SIGINT, SIGTERM or SIGHUP; the parent process going away; or the server exiting.
final class StopTrigger: Sendable {
    /// What ended the run.
    enum Reason: Sendable, Equatable {
        case signal(Int32)
        case parentGone
        case serverExited
    }

    private static let stopSignals = [SIGINT, SIGTERM, SIGHUP]
    private let reason = Mutex<Reason?>(nil)
    private let fired = DispatchSemaphore(value: 0)
    // DispatchSourceSignal is not Sendable; the sources are only kept alive here and never touched again.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    /// Fires on the first of `reason`s; later ones are ignored.
    func fire(_ reason: Reason) {
        let first = self.reason.withLock { current in
            guard current == nil else { return false }
            current = reason
            return true
        }
        if first { fired.signal() }
    }

    /// Whether it has fired.
    var hasFired: Bool { reason.withLock { $0 != nil } }

    /// Waits until it fires and says why.
    func wait() -> Reason {
        fired.wait()
        fired.signal()
        return reason.withLock { $0! }
    }

    /// Unblocks SIGINT, SIGTERM and SIGHUP on the calling thread: a parent may have blocked them (test runners
    /// do), and both this process and the children it starts inherit the mask.
    static func unblockStopSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in stopSignals { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Fires on SIGINT, SIGTERM and SIGHUP instead of letting them end the process.
    func watchSignals() {
        sources = Self.stopSignals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in fire(.signal(number)) }
            source.resume()
            return source
        }
    }

    /// Fires when the process that started this one is gone (its parent id changes to a reaper).
    func watchParent(interval: Double = 0.25) {
        let parent = getppid()
        Thread.detachNewThread { [self] in
            while !hasFired {
                if getppid() != parent { return fire(.parentGone) }
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }
}
