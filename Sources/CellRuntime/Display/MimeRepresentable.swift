import JSON

/// A value that renders itself as a Jupyter mime bundle (mime type → content).
///
/// Conform a type to it and a cell whose trailing expression is such a value, or a `display(_:)` of it,
/// shows the rich form; `text/plain` falls back to `String(reflecting:)` (without cell module names) when the bundle has none.
public protocol MimeRepresentable {
    /// Mime type → content: a string, or JSON for `application/json` and `+json` types.
    var mimeBundle: [String: JSONValue] { get }
}

/// The mime bundle Jupyter shows for `value`: its own bundle when it has one, plus `text/plain`.
public func mimeBundle<T>(of value: T) -> [String: JSONValue] {
    var bundle = (value as? any MimeRepresentable)?.mimeBundle ?? [:]
    if bundle["text/plain"] == nil {
        bundle["text/plain"] = .string(CellModulePrefix.stripped(from: String(reflecting: value)))
    }
    return bundle
}
