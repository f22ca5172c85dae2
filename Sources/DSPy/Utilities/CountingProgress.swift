import Foundation
import Synchronization

/// A progress bar over a known number of steps, advanced from any thread, shown through `Presentation`.
final class CountingProgress: Sendable {
    private let display: any ProgressDisplay
    private let description: String
    private let total: Int
    private let started = Date()
    private let completed = Mutex(0)

    init(description: String, total: Int) {
        self.display = Presentation.presenter.beginProgress(total: total)
        self.description = description
        self.total = total
    }

    /// Counts one more step done.
    func advance() {
        display.update(state(completed.withLock { count in
            count += 1
            return count
        }))
    }

    /// Shows the final count.
    func finish() {
        display.finish(state(completed.withLock { $0 }))
    }

    private func state(_ count: Int) -> ProgressState {
        ProgressState(description: description, completed: count, total: total, elapsed: Date().timeIntervalSince(started))
    }
}
