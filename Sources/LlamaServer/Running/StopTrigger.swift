import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The last stop signal received, written by the signal handler (an atomic store is async-signal-safe).
private let receivedSignal = Atomic<Int32>(0)

/// Why `serve-llm` ends: SIGINT, SIGTERM or SIGHUP; the parent process going away; or the server exiting.
///
/// One per process, since signals are. Install steps and the serving loop poll it: Foundation starts each child in
/// a process group of its own, so a Ctrl-C reaches only this process, which must end its children itself.
final class StopTrigger: Sendable {
    /// What ended the run.
    enum Reason: Sendable, Equatable {
        case signal(Int32)
        case parentGone
        case serverExited
    }

    /// The process's trigger.
    static let process = StopTrigger()

    private static let stopSignals = [SIGINT, SIGTERM, SIGHUP]
    private let reason = Mutex<Reason?>(nil)
    private let fired = DispatchSemaphore(value: 0)
    private let watching = Atomic<Bool>(false)

    /// Fires on the first of `reason`s; later ones are ignored.
    func fire(_ reason: Reason) {
        let first = self.reason.withLock { current in
            guard current == nil else { return false }
            current = reason
            return true
        }
        if first { fired.signal() }
    }

    /// Whether it has fired (or a stop signal has arrived that the watcher has not turned into a reason yet).
    var hasFired: Bool { receivedSignal.load(ordering: .relaxed) != 0 || reason.withLock { $0 != nil } }

    /// Waits until it fires and says why.
    func wait() -> Reason {
        fired.wait()
        fired.signal()
        return reason.withLock { $0! }
    }

    /// Catches SIGINT, SIGTERM and SIGHUP (unblocking them: test runners block SIGTERM, and the mask is inherited),
    /// and watches the parent process; either fires the trigger. A handler, unlike SIG_IGN, is reset to the default
    /// in children at exec, so llama-server and the build tools still stop on SIGTERM.
    func watch() {
        guard !watching.exchange(true, ordering: .relaxed) else { return }
        var set = sigset_t()
        sigemptyset(&set)
        for number in Self.stopSignals {
            sigaddset(&set, number)
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in receivedSignal.store(number, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        let parent = getppid()
        Thread.detachNewThread { [self] in
            while reason.withLock({ $0 == nil }) {
                let number = receivedSignal.load(ordering: .relaxed)
                if number != 0 { fire(.signal(number)) } else if getppid() != parent { fire(.parentGone) }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}
