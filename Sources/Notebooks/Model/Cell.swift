import JSON

/// One notebook cell: code with its outputs, markdown, or raw text.
public struct Cell: Equatable, Sendable {
    /// The three nbformat cell types.
    public enum Kind: String, Sendable, CaseIterable {
        case code, markdown, raw
    }

    /// What the cell holds.
    public var kind: Kind
    /// The nbformat 4.5 cell id; nil in older notebooks until one is assigned.
    public var id: String?
    /// The cell's text, lines joined.
    public var source: String
    /// Cell metadata (`tags`, `collapsed`, papermill's and jupytext's keys, …), kept as read.
    public var metadata: [String: JSONValue]
    /// The prompt number of the last execution; code cells only.
    public var executionCount: Int?
    /// What the last execution produced; code cells only.
    public var outputs: [Output]
    /// Inline files referenced by markdown and raw cells, by name (mime bundles), kept as read.
    public var attachments: [String: JSONValue]?

    /// A cell of the given kind; code cells start unexecuted.
    public init(_ kind: Kind, source: String, metadata: [String: JSONValue] = [:], id: String? = nil,
                executionCount: Int? = nil, outputs: [Output] = [], attachments: [String: JSONValue]? = nil) {
        self.kind = kind
        self.id = id
        self.source = source
        self.metadata = metadata
        self.executionCount = executionCount
        self.outputs = outputs
        self.attachments = attachments
    }

    /// A code cell.
    public static func code(_ source: String, tags: [String] = []) -> Cell {
        var cell = Cell(.code, source: source)
        cell.tags = tags
        return cell
    }

    /// A markdown cell.
    public static func markdown(_ source: String) -> Cell { Cell(.markdown, source: source) }

    /// The cell's tags (`metadata.tags`); setting an empty list removes the key.
    public var tags: [String] {
        get { metadata["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        set { metadata["tags"] = newValue.isEmpty ? nil : .array(newValue.map(JSONValue.string)) }
    }

    /// Whether the cell has nothing to run (nbclient skips such code cells).
    public var isBlank: Bool { source.allSatisfy(\.isWhitespace) }
}
