import Foundation

/// What a crashing cell's standard error shows: the runtime's backtrace (dozens of frames of async thunks
/// and the worker) is cut, since the error that follows names the trap and the user's own frames.
/// `SWIFT_DSPY_FULL_BACKTRACE=1` in the kernel's environment shows it whole.
struct CrashOutput {
    /// The line the backtracer starts its report with.
    static let reportMarker = "Program crashed"

    static var showsFullBacktrace: Bool {
        ProcessInfo.processInfo.environment["SWIFT_DSPY_FULL_BACKTRACE"] == "1"
    }

    private let showsFull: Bool
    private var inReport = false

    init(showsFull: Bool = Self.showsFullBacktrace) { self.showsFull = showsFull }

    /// The part of a chunk of standard error to show.
    mutating func visible(_ text: String) -> String {
        if showsFull { return text }
        if inReport { return "" }
        guard let marker = text.range(of: Self.reportMarker) else { return text }
        inReport = true
        let lineStart = text[..<marker.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return String(text[..<lineStart])
    }
}
