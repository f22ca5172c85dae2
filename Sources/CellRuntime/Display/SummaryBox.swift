import JSON

/// A highlighted box of a bold title and a few lines, the way an evaluation stage closes in a notebook.
struct SummaryBox {
    var title: String
    var lines: [String]

    var mimeBundle: [String: JSONValue] {
        let html = "<div style=\"border-left: 4px solid #2b7bb9; background: #eef6fc; padding: 8px 12px; margin: 4px 0\">"
            + "<b>\(HTML.escaped(title))</b>" + lines.map { "<br>" + HTML.escaped($0) }.joined() + "</div>"
        return ["text/html": .string(html), "text/plain": .string(([title] + lines).joined(separator: "\n"))]
    }
}
