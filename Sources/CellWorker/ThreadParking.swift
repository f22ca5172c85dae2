import CCellPark
import Foundation
import Synchronization

/// Stops a cell's thread for good without unwinding it, where that holds no lock anyone else needs; the
/// only Swift code that calls the `CCellPark` shim.
///
/// A signal handler on the cell's thread parks it when the signal finds it in a cell library's code or in
/// libc's sleeping calls, holding neither stdout's nor stderr's lock (`print` holds it while it calls a value's
/// `description`). Elsewhere (malloc, the Swift runtime, Foundation) it may hold a lock, so the handler returns and
/// `park` tries again a few milliseconds later, until its deadline.
///
/// The one unsafe case left: cell code running inside a lock its own code took (a closure given to
/// `withLock`), or a sleep called while a lock is held; parking it keeps that lock taken.
enum ThreadParking {
    /// The signal that asks a cell's thread to park.
    static let signal = SIGUSR2

    private static let libraries = Mutex<Set<String>>([])

    /// Installs the handler and records where libc's sleeping calls are; once, before any cell runs.
    static func install() {
        if ccellpark_install(signal) != 0 {
            FileHandle.standardError.write(Data("swift-dspy-worker: cannot install the interrupt handler (\(String(cString: strerror(errno)))); an interrupt that cannot stop a cell cooperatively will restart the worker\n".utf8))
        }
    }

    /// Records a loaded cell library's code as safe for parking (once per library).
    static func addCellLibrary(_ path: String) {
        guard libraries.withLock({ $0.insert(path).inserted }) else { return }
        if ccellpark_add_library(path) < 0 {
            FileHandle.standardError.write(Data("swift-dspy-worker: cannot record the code of \(path); interrupting it will restart the worker\n".utf8))
        }
    }

    /// Tries to park `thread` until `deadline`, as long as `stillWanted()` holds; true once it is parked.
    static func park(_ thread: pthread_t, until deadline: ContinuousClock.Instant, while stillWanted: () -> Bool) -> Bool {
        let parkedBefore = ccellpark_parked()
        while ContinuousClock.now < deadline, stillWanted() {
            let answered = ccellpark_answers()
            guard ccellpark_request(thread) == 0 else { return false }
            // Each signal is answered before the next is sent or the cell may finish, so that a late answer
            // cannot park the thread once it runs the next cell. A running thread answers within microseconds;
            // one the scheduler left waiting, when it runs.
            while ccellpark_answers() == answered, ContinuousClock.now < deadline + .seconds(1) { usleep(50) }
            if ccellpark_parked() > parkedBefore { return true }
            usleep(2_000)
        }
        return false
    }

    /// How many cell threads are parked in this process.
    static var parkedCount: Int { Int(ccellpark_parked()) }
}
