/// Whether a notebook and its literate script say the same thing: same cells, kinds, sources and metadata.
///
/// Outputs, execution counts, cell ids and notebook metadata outside the script header are not compared:
/// a script does not carry them.
public enum ScriptSync {
    /// The differences between `notebook` and `script` (the script's text), empty when they are in sync.
    /// - Throws: `LiterateScriptError` when the script cannot be read.
    public static func differences(notebook: Notebook, script: String) throws -> [String] {
        let fromScript = try LiterateScript.parse(script)
        var found: [String] = []
        if fromScript.cells.count != notebook.cells.count {
            found.append("the notebook has \(notebook.cells.count) cells, the script \(fromScript.cells.count)")
        }
        for (index, (expected, actual)) in zip(notebook.cells, fromScript.cells).enumerated() {
            let number = index + 1
            if expected.kind != actual.kind {
                found.append("cell \(number): \(expected.kind.rawValue) in the notebook, \(actual.kind.rawValue) in the script")
            }
            if expected.source != actual.source {
                found.append("cell \(number): the sources differ (notebook starts \(preview(expected.source)), "
                    + "script starts \(preview(actual.source)))")
            }
            if expected.metadata != actual.metadata {
                found.append("cell \(number): the metadata differ")
            }
        }
        for key in LiterateScript.headerMetadataKeys where notebook.metadata[key] != nil
            && notebook.metadata[key] != fromScript.metadata[key]
        {
            found.append("notebook metadata \(key) differs from the script header")
        }
        return found
    }

    private static func preview(_ source: String) -> String {
        let firstLine = source.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return "\"" + firstLine.prefix(60) + "\""
    }
}
