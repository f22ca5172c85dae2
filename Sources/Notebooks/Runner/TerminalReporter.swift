import Foundation
import JSON

/// Shows a run on a terminal: cell headers and errors on stderr, the cells' own output on stdout as it arrives.
///
/// Display updates (progress bars) redraw one line in place when stdout is a terminal; otherwise only the
/// final state of each updated display is printed, when its cell ends, so logs stay readable.
///
/// `@unchecked Sendable`: events arrive from the interpreter's threads; the mutable state is only touched
/// while `lock` is held, and writes happen under it too so lines from different threads do not interleave.
public final class TerminalReporter: RunObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let standardOutput: FileHandle
    private let standardError: FileHandle
    private let redrawsInPlace: Bool
    private var lineInProgress = false
    private var finalUpdates: [(id: String, text: String)] = []

    /// A reporter writing to the given handles; `redrawsInPlace` defaults to whether stdout is a terminal.
    public init(standardOutput: FileHandle = .standardOutput, standardError: FileHandle = .standardError,
                redrawsInPlace: Bool? = nil) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.redrawsInPlace = redrawsInPlace ?? (isatty(standardOutput.fileDescriptor) != 0)
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
            return
        }
        if redrawsInPlace && !text.contains("\n") {
            write("\r\u{1B}[K" + text, to: standardOutput)
            lineInProgress = true
        } else if let index = finalUpdates.firstIndex(where: { $0.id == displayID }) {
            finalUpdates[index].text = text
        } else {
            finalUpdates.append((displayID, text))
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
