import Foundation
import JSON

/// Shows a run on a terminal: cell headers and errors on stderr, the cells' own output on stdout as it arrives.
///
/// Display updates (progress bars) redraw one line in place when stdout is a terminal; otherwise a display's
/// state is printed at most once every `progressInterval` seconds, and its final state when its cell ends, so
/// logs stay readable and a long cell still shows that it is moving.
///
/// `@unchecked Sendable`: events arrive from the interpreter's threads; the mutable state is only touched
/// while `lock` is held, and writes happen under it too so lines from different threads do not interleave.
public final class TerminalReporter: RunObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let standardOutput: FileHandle
    private let standardError: FileHandle
    private let redrawsInPlace: Bool
    private let progressInterval: Double
    private var lineInProgress = false
    /// The latest state of each updated display not printed yet.
    private var finalUpdates: [(id: String, text: String)] = []
    /// When each display was last printed.
    private var lastPrinted: [String: Date] = [:]

    /// A reporter writing to the given handles; `redrawsInPlace` defaults to whether stdout is a terminal.
    /// Without redrawing, an updated display is printed again once `progressInterval` seconds have passed.
    public init(standardOutput: FileHandle = .standardOutput, standardError: FileHandle = .standardError,
                redrawsInPlace: Bool? = nil, progressInterval: Double = 10) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.redrawsInPlace = redrawsInPlace ?? (isatty(standardOutput.fileDescriptor) != 0)
        self.progressInterval = progressInterval
    }

    public func handle(_ event: RunEvent) {
        lock.withLock {
            switch event {
            case .cellStarted(let cellNumber, let executionCount, _):
                write("── cell \(cellNumber) [\(executionCount)] ──\n", to: standardError)
            case .stream(let name, let text):
                write(text, to: name == "stderr" ? standardError : standardOutput)
            case .display(let output, let displayID, let update):
                show(output, displayID: displayID, update: update)
            case .clearOutput:
                break
            case .cellFinished(let cellNumber, let seconds, let failed):
                for update in finalUpdates { write(update.text + "\n", to: standardOutput) }
                finalUpdates = []
                lastPrinted = [:]
                let status = failed ? "failed" : "done"
                write("── cell \(cellNumber) \(status) in \(String(format: "%.2f", seconds)) s ──\n", to: standardError)
            case .notice(let message):
                write("note: \(message)\n", to: standardError)
            }
        }
    }

    private func show(_ output: Output, displayID: String?, update: Bool) {
        if case .error(let name, let value, let traceback) = output {
            let details = traceback.isEmpty ? "" : traceback.joined(separator: "\n") + "\n"
            write("\(name): \(value)\n" + details, to: standardError)
            return
        }
        let text = Self.terminalText(of: output)
        guard update, let displayID else {
            write(text + "\n", to: standardOutput)
            if let displayID { lastPrinted[displayID] = Date() }
            return
        }
        if redrawsInPlace && !text.contains("\n") {
            write("\r\u{1B}[K" + text, to: standardOutput)
            lineInProgress = true
            return
        }
        finalUpdates.removeAll { $0.id == displayID }
        if let last = lastPrinted[displayID], Date().timeIntervalSince(last) < progressInterval {
            finalUpdates.append((displayID, text))
        } else {
            write(text + "\n", to: standardOutput)
            lastPrinted[displayID] = Date()
        }
    }

    /// `text/plain` when the output has it, else the kinds of content it holds.
    static func terminalText(of output: Output) -> String {
        if let text = output.plainText { return text.hasSuffix("\n") ? String(text.dropLast()) : text }
        if case .displayData(let data, _) = output {
            return "[" + data.keys.sorted().joined(separator: ", ") + "]"
        }
        return ""
    }

    private func write(_ text: String, to handle: FileHandle) {
        if lineInProgress {
            lineInProgress = false
            standardOutput.write(Data("\n".utf8))
        }
        handle.write(Data(text.utf8))
    }
}
