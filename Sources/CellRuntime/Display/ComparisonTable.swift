import JSON
import Synchronization

/// Rows of measured results beside the numbers a publication reported for the same runs — the closing table of
/// a replayed study. Rows are added as each stage finishes; the table shows itself as HTML and Markdown.
///
/// ```swift
/// let results = ComparisonTable(columns: ["Model", "Optimization", "Validation", "Test"],
///                               published: ["Published validation", "Published test"])
/// results.add(["offline model", "none", "60.0%", "40.0%"], published: ["72.0%", "50.67%"])
/// results   // the table
/// ```
public final class ComparisonTable: Sendable {
    /// One row: the measured cells, then the published ones.
    public struct Row: Sendable {
        /// The measured columns' names, then the published columns' names.
        public let header: [String]
        public let cells: [String]
    }

    /// The measured columns' names.
    public let columns: [String]
    /// The published columns' names.
    public let publishedColumns: [String]
    private let added = Mutex<[Row]>([])

    public init(columns: [String], published: [String]) {
        self.columns = columns
        self.publishedColumns = published
    }

    /// The rows added so far.
    public var rows: [Row] { added.withLock { $0 } }

    /// Adds a row; `published` is padded with "–" where the publication has no number.
    /// - Returns: the row, which shows itself as a highlighted summary of its cells.
    @discardableResult
    public func add(_ measured: [String], published: [String] = []) -> Row {
        let padded = published + Array(repeating: "–", count: Swift.max(0, publishedColumns.count - published.count))
        let row = Row(header: columns + publishedColumns, cells: measured + padded.prefix(publishedColumns.count))
        added.withLock { $0.append(row) }
        return row
    }

    /// The table in Markdown.
    public var markdown: String {
        let header = columns + publishedColumns
        return ([header, header.map { _ in "---" }] + rows.map(\.cells)).map { "| " + $0.joined(separator: " | ") + " |" }
            .joined(separator: "\n")
    }
}

extension ComparisonTable: MimeRepresentable {
    public var mimeBundle: [String: JSONValue] {
        let cells = { (row: [String], tag: String) in row.map { "<\(tag)>\(HTML.escaped($0))</\(tag)>" }.joined() }
        let html = "<table><thead><tr>\(cells(columns + publishedColumns, "th"))</tr></thead><tbody>"
            + rows.map { "<tr>\(cells($0.cells, "td"))</tr>" }.joined() + "</tbody></table>"
        return ["text/html": .string(html), "text/markdown": .string(markdown), "text/plain": .string(markdown)]
    }
}

extension ComparisonTable.Row: MimeRepresentable {
    /// A highlighted box: the first two cells as its title, then one line per other column.
    public var mimeBundle: [String: JSONValue] {
        let title = cells.prefix(2).joined(separator: " · ")
        return SummaryBox(title: title, lines: zip(header, cells).dropFirst(2).map { "\($0): \($1)" }).mimeBundle
    }
}
