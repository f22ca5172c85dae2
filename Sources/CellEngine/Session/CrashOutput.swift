import Foundation

/// What a crashing cell's standard error shows: the runtime's backtrace report (dozens of frames of async
/// thunks and the worker) is cut, since the error that follows names the trap and the user's own frames.
/// `SWIFT_DSPY_FULL_BACKTRACE=1` in the kernel's environment shows it whole.
struct CrashOutput {
    /// How the backtracer's report begins: `*** Signal 4: Backtracing from ...`, `*** Program crashed: ...`.
    static let reportPrefix = "*** "
    /// The runtime's own notes while it crashes ("failed to suspend thread ...").
    static let runtimePrefix = "swift-runtime: "

    static var showsFullBacktrace: Bool {
        ProcessInfo.processInfo.environment["SWIFT_DSPY_FULL_BACKTRACE"] == "1"
    }

    private let showsFull: Bool
    private var inReport = false
    /// The start of a line that may still turn out to begin the report.
    private var held = ""

    init(showsFull: Bool = Self.showsFullBacktrace) { self.showsFull = showsFull }

    /// The part of a chunk of standard error to show now.
    mutating func visible(_ text: String) -> String {
        if showsFull { return text }
        if inReport { return "" }
        var shown = ""
        var lines = (held + text).split(separator: "\n", omittingEmptySubsequences: false)
        held = String(lines.removeLast())
        for line in lines {
            if Self.beginsReport(line) {
                inReport = true
                held = ""
                return shown
            }
            if !line.hasPrefix(Self.runtimePrefix) { shown += line + "\n" }
        }
        if Self.beginsReport(held[...]) {
            inReport = true
            held = ""
        } else if ![Self.reportPrefix, Self.runtimePrefix].contains(where: { $0.hasPrefix(held) || held.hasPrefix($0) }) {
            shown += held
            held = ""
        }
        return shown
    }

    /// What is still held back when the cell ended without crashing.
    mutating func flush() -> String {
        defer { held = "" }
        return inReport ? "" : held
    }

    private static func beginsReport(_ line: Substring) -> Bool {
        line.hasPrefix(reportPrefix) && (line.contains("Backtracing") || line.contains("Program crashed"))
    }
}
