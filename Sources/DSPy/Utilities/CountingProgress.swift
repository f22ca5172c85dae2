import Foundation
import Synchronization

/// A progress bar over a known number of steps, advanced from any thread, shown through `Presentation`.
final class CountingProgress: Sendable {
    private let display: any ProgressDisplay
    private let description: @Sendable (Int) -> String
    private let total: Int
    private let started = Date()
    private let completed = Mutex(0)

    convenience init(description: String, total: Int, presenter: any Presenter = Presentation.presenter) {
        self.init(total: total, presenter: presenter) { _ in description }
    }

    /// A bar whose description follows the count (DSPy's `Parallel` shows "Processed 3 / 12 examples").
    init(total: Int, presenter: any Presenter = Presentation.presenter, description: @escaping @Sendable (Int) -> String) {
        self.display = presenter.beginProgress(total: total)
        self.description = description
        self.total = total
    }

    /// Counts one more step done.
    func advance() {
        // Drawn under the lock, so that the bar never goes back.
        completed.withLock { count in
            count += 1
            display.update(state(count))
        }
    }

    /// Shows the final count.
    func finish() {
        completed.withLock { display.finish(state($0)) }
    }

    private func state(_ count: Int) -> ProgressState {
        ProgressState(description: description(count), completed: count, total: total, elapsed: Date().timeIntervalSince(started))
    }
}
