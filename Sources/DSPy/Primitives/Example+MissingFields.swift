import Synchronization

/// Fields read by name (`example.answer`) from one example that lacks them, noted while a `MissingFieldReads` is
/// bound.
///
/// In Python `example.answer` raises `AttributeError` when the example has no `answer`, so a metric reading a label
/// the data lacks fails for that example; in Swift the read gives `.null`. `Metric` binds one of these around each
/// call, watching the example it scores, so that the read fails the example as it does in Python, with an error
/// naming the field.
final class MissingFieldReads: Sendable {
    @TaskLocal static var current: MissingFieldReads?

    private let watched: Example
    private let names = Mutex<[String]>([])

    init(watching example: Example) {
        watched = example
    }

    /// The fields read and missing, in the order read.
    var all: [String] { names.withLock { $0 } }

    /// Notes that `name` was read from `example`, which lacks it, if that is the watched example.
    func note(_ name: String, readFrom example: Example) {
        guard example == watched else { return }
        names.withLock { $0.append(name) }
    }
}
