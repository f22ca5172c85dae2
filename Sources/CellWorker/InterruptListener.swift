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

    /// Blocks SIGINT, and only SIGINT, in the calling thread and every thread it starts later. The mask is set
    /// whole: a process inherits its parent's, and the kernel blocks signals (SIGUSR2, which parks an
    /// interrupted cell's thread, among them) in the threads that spawn workers.
    static func blockInterruptSignal() {
        var set = interruptSet()
        pthread_sigmask(SIG_SETMASK, &set, nil)
    }

    /// Starts the thread that calls `onInterrupt` for each SIGINT. Interrupts that came while `onInterrupt` ran
    /// were for the cell it stopped, so they are dropped rather than stopping the next cell.
    static func start(onInterrupt: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            var set = interruptSet()
            var signal: Int32 = 0
            var now = timespec(tv_sec: 0, tv_nsec: 0)
            while true {
                guard sigwait(&set, &signal) == 0 else { continue }
                onInterrupt()
                while sigtimedwait(&set, nil, &now) == SIGINT {}
            }
        }
    }
}
