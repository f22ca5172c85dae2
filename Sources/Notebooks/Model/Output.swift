import JSON

/// One output of a code cell, as nbformat 4 stores it.
public enum Output: Equatable, Sendable {
    /// Text written to `stdout` or `stderr`.
    case stream(name: String, text: String)
    /// A rich output (`display_data`): a mime bundle and its metadata.
    case displayData(data: [String: JSONValue], metadata: [String: JSONValue])
    /// The value of the cell's trailing expression (`execute_result`).
    case executeResult(executionCount: Int?, data: [String: JSONValue], metadata: [String: JSONValue])
    /// The error that ended the cell.
    case error(name: String, value: String, traceback: [String])

    /// The nbformat `output_type`.
    public var outputType: String {
        switch self {
        case .stream: "stream"
        case .displayData: "display_data"
        case .executeResult: "execute_result"
        case .error: "error"
        }
    }

    /// The best plain-text rendering, for terminals and tests.
    public var plainText: String? {
        switch self {
        case .stream(_, let text): text
        case .displayData(let data, _), .executeResult(_, let data, _): data["text/plain"]?.stringValue
        case .error(let name, let value, _): "\(name): \(value)"
        }
    }
}
