import DSPy
import JSON

// Cells that end in a Prediction or an Example show their fields as a table in Jupyter.

extension Prediction: MimeRepresentable {
    /// A table of the fields; `text/plain` is Python's `Prediction(...)` form.
    public var mimeBundle: [String: JSONValue] {
        ["text/html": .string(FieldTable.html(title: "Prediction", items())), "text/plain": .string(description)]
    }
}

extension Example: MimeRepresentable {
    /// A table of the fields, inputs marked; `text/plain` is Python's `Example(...)` form.
    public var mimeBundle: [String: JSONValue] {
        let title = inputKeys.map { "Example (inputs: \($0.sorted().joined(separator: ", ")))" } ?? "Example"
        return ["text/html": .string(FieldTable.html(title: title, items())), "text/plain": .string(description)]
    }
}

/// One row per field: its name, and its value with line breaks kept.
enum FieldTable {
    static func html(title: String, _ fields: [(String, JSONValue)]) -> String {
        let rows = fields.map { name, value in
            let text = value.stringValue ?? value.pythonRepr
            return "<tr><th style=\"text-align: left; vertical-align: top\">\(HTML.escaped(name))</th>"
                + "<td style=\"text-align: left\"><pre style=\"white-space: pre-wrap; margin: 0\">\(HTML.escaped(text))</pre></td></tr>"
        }
        return "<table><caption style=\"text-align: left\"><b>\(HTML.escaped(title))</b></caption><tbody>"
            + rows.joined() + "</tbody></table>"
    }
}
