import Foundation
import Notebooks

/// Records run events for assertions.
final class EventLog: RunObserver, @unchecked Sendable {
    // `@unchecked Sendable`: `stored` is only touched while `lock` is held.
    private let lock = NSLock()
    private var stored: [RunEvent] = []
    var events: [RunEvent] { lock.withLock { stored } }
    func handle(_ event: RunEvent) { lock.withLock { stored.append(event) } }
}

