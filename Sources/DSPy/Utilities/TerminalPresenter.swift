import Foundation
import Synchronization

/// Shows progress as a tqdm-like line redrawn in place, tables as aligned text, and log lines on stdout.
public struct TerminalPresenter: Presenter {
    public init() {}

    public func beginProgress(total: Int) -> any ProgressDisplay { TerminalProgress() }

    public func show(_ table: ResultTable) {
        Self.write(table.text + "\n")
    }

    public func log(_ line: String) {
        Self.write(line + "\n")
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Redraws at most ten times a second, like tqdm's default refresh, and always on finish.
final class TerminalProgress: ProgressDisplay {
    private let lastDraw = Mutex<Double>(-1)

    func update(_ progress: Progress) {
        let due = lastDraw.withLock { last in
            guard progress.elapsed - last >= 0.1 else { return false }
            last = progress.elapsed
            return true
        }
        if due { TerminalPresenter.write("\r" + progress.line()) }
    }

    func finish(_ progress: Progress) {
        TerminalPresenter.write("\r" + progress.line() + "\n")
    }
}

extension ResultTable {
    /// The table as left-aligned text columns, each cell on one line.
    public var text: String {
        let flat = rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        let widths = columns.indices.map { column in
            ([columns[column]] + flat.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            columns.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                return cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(columns)] + flat.map(line)
        if omittedRows > 0 { lines.append("... \(omittedRows) more rows not displayed ...") }
        return lines.joined(separator: "\n")
    }

    /// The table as an HTML `<table>`, cells escaped, for rich front ends.
    public var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var html = "<table>\n<thead><tr>" + columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table>"
        if omittedRows > 0 {
            html += "\n<div style='text-align: center; font-weight: bold; margin: 10px 0;'>... \(omittedRows) more rows not displayed ...</div>"
        }
        return html
    }
}
