import Foundation
import JSON

/// Notebooks as plain Swift files in jupytext's percent format, so they can be read, diffed and edited as code.
///
/// ```swift
/// // ---
/// // jupyter:
/// //   kernelspec:
/// //     display_name: Swift (DSPy)
/// //     language: swift
/// //     name: swift-dspy
/// // ---
///
/// // %% [markdown]
/// // # A title
///
/// // %% tags=["parameters"]
/// let sampleSize = 100
/// ```
///
/// A `// %%` line starts a code cell, `// %% [markdown]` (or `[raw]`) a text cell whose lines are `//` comments;
/// `key=<JSON>` pairs after the marker are the cell's metadata. Cells are separated by one blank line; blank lines
/// at the end of a cell are not part of it. The YAML header carries the notebook's `kernelspec` and `jupytext`
/// metadata; outputs, execution counts and cell ids are not kept.
public enum LiterateScript {
    /// The comment that introduces every marker and text line.
    static let comment = "//"
    /// The marker that starts a cell.
    static let marker = "// %%"
    /// The notebook metadata kept in the header (what jupytext keeps by default).
    static let headerMetadataKeys = ["jupytext", "kernelspec"]

    /// The literate script for `notebook`.
    /// - Throws: `LiterateScriptError` when a cell cannot be represented (a code line that looks like a marker,
    ///   metadata keys that are not identifiers).
    public static func render(_ notebook: Notebook) throws -> String {
        var blocks: [String] = []
        let header = headerMetadataKeys.compactMap { key in notebook.metadata[key].map { (key, $0) } }
        if !header.isEmpty {
            blocks.append(ScriptHeader.render(Dictionary(uniqueKeysWithValues: header)))
        }
        for (index, cell) in notebook.cells.enumerated() {
            blocks.append(try render(cell, number: index + 1))
        }
        return blocks.joined(separator: "\n")
    }

    private static func render(_ cell: Cell, number: Int) throws -> String {
        var markerLine = marker
        if cell.kind != .code { markerLine += " [\(cell.kind.rawValue)]" }
        for key in cell.metadata.keys.sorted() {
            guard key.range(of: #"^[A-Za-z_][A-Za-z0-9_.-]*$"#, options: .regularExpression) != nil else {
                throw LiterateScriptError(location: "cell \(number)", problem: "metadata key \"\(key)\" is not an identifier")
            }
            markerLine += " \(key)=\(NotebookJSONWriter.inline(cell.metadata[key]!))"
        }
        var text = markerLine + "\n"
        let lines = cell.source.isEmpty ? [] : cell.source.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            switch cell.kind {
            case .code:
                if isMarker(line) {
                    throw LiterateScriptError(location: "cell \(number)",
                                              problem: "the code line \"\(line)\" would read back as a cell marker")
                }
                text += line + "\n"
            case .markdown, .raw:
                text += line.isEmpty ? comment + "\n" : "\(comment) \(line)\n"
            }
        }
        return text
    }

    static func isMarker(_ line: Substring) -> Bool { line == marker || line.hasPrefix(marker + " ") }
}

extension LiterateScript {
    /// Whether `url` names a literate script rather than an `.ipynb` notebook.
    public static func isScript(_ url: URL) -> Bool { url.pathExtension == "swift" }

    /// Reads a notebook from an `.ipynb` file or a literate `.swift` script, by extension.
    public static func readNotebook(at url: URL) throws -> Notebook {
        guard isScript(url) else { return try Notebook(contentsOf: url) }
        let text = try String(contentsOf: url, encoding: .utf8)
        do {
            return try parse(text)
        } catch var error as LiterateScriptError {
            error.file = url.path
            throw error
        }
    }

    /// Writes `notebook` to an `.ipynb` file or a literate `.swift` script, by extension.
    public static func writeNotebook(_ notebook: Notebook, to url: URL) throws {
        let text = isScript(url) ? try render(notebook) : notebook.serialized()
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
