import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT (sent by the host on a Jupyter interrupt) into a cooperative stop request.
///
/// SIGINT is blocked in every thread and taken synchronously by one thread with `sigwait`, so the handler
/// is ordinary Swift code rather than async-signal-safe code.
enum InterruptListener {
    private static func interruptSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Blocks SIGINT in the calling thread and every thread it starts later.
    static func blockInterruptSignal() {
        var set = interruptSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Starts the thread that calls `onInterrupt` for each SIGINT.
    static func start(onInterrupt: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            var set = interruptSet()
            var signal: Int32 = 0
            while true {
                if sigwait(&set, &signal) == 0 { onInterrupt() }
            }
        }
    }
}
