import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ends the worker when the process that started it is gone (killed, crashed), even while a cell runs: the
/// request loop only notices a closed socket between cells, and an orphaned worker would run on forever.
enum ParentWatch {
    /// Checks the parent every `interval` from a thread of its own and exits once it has changed.
    static func start(interval: Duration = .milliseconds(250)) {
        let parent = getppid()
        Thread.detachNewThread {
            while getppid() == parent {
                Thread.sleep(forTimeInterval: Double(interval.components.seconds)
                    + Double(interval.components.attoseconds) * 1e-18)
            }
            _exit(0)
        }
    }
}
