import CellRuntime
import DSPy
import JSON

/// `inspect_history` in Jupyter: each call's messages as labelled blocks, the system message folded, the
/// response highlighted, and the model named. The plain-text form is DSPy's own layout without colours.
struct HistoryOutput: MimeRepresentable {
    let history: [HistoryEntry]
    let n: Int

    var mimeBundle: [String: JSONValue] {
        [
            "text/plain": .string(HistoryEntry.prettyPrinted(history, n: n, colors: false)),
            "text/html": .string(history.isEmpty ? "<i>No LM calls recorded yet.</i>" : history.suffix(max(0, n)).map(Self.html).joined()),
        ]
    }

    private static func html(_ entry: HistoryEntry) -> String {
        let messages = entry.messages ?? [ChatMessage(role: "user", content: entry.prompt ?? "")]
        var html = "<div style=\"margin: 6px 0 14px 0\">"
        html += "<div style=\"color: #1f5fa8\">[\(HTML.escaped(entry.timestamp))] \(HTML.escaped(entry.model))"
            + (entry.cacheHit ? " (from the cache)" : "") + "</div>"
        for message in messages {
            // The system message repeats the signature's format on every call: folded, one click away.
            let open = message.role == "system" ? "" : " open"
            html += "<details\(open)><summary style=\"color: #b3261e; font-weight: bold\">"
                + "\(HTML.escaped(message.role.capitalized)) message</summary>\(block(message.content))</details>"
        }
        if let first = entry.outputs.first {
            html += "<div style=\"color: #b3261e; font-weight: bold\">Response</div>" + block(first, color: "#1e7b34")
        }
        if entry.outputs.count > 1 {
            html += "<div style=\"color: #b3261e\">(and \(entry.outputs.count - 1) other completions)</div>"
        }
        return html + "</div>"
    }

    private static func block(_ text: String, color: String? = nil) -> String {
        let style = "white-space: pre-wrap; margin: 2px 0 8px 0; padding: 6px 8px; background: rgba(127, 127, 127, 0.08)"
            + (color.map { "; color: \($0)" } ?? "")
        return "<pre style=\"\(style)\">\(HTML.escaped(text.trimmingCharacters(in: .whitespacesAndNewlines)))</pre>"
    }
}
