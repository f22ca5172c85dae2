import Foundation
import JSON

/// Shows `value` in the cell's output now, as `display()` does in IPython.
///
/// A `MimeRepresentable` shows its rich form, other values their `String(reflecting:)`.
public func display<T>(_ value: T) {
    CellSession.sink.display(mimeBundle(of: value), displayID: nil, update: false)
}

/// Shows `value` under a display id, so that it can be replaced in place later.
///
/// - Parameters:
///   - value: what to show.
///   - id: the display id; pass the same id to `updateDisplay(_:id:)` to replace this output.
/// - Returns: a handle whose `update(_:)` replaces this output in place.
@discardableResult
public func display<T>(_ value: T, id: String) -> DisplayHandle {
    let handle = DisplayHandle(id: id)
    CellSession.sink.display(mimeBundle(of: value), displayID: handle.id, update: false)
    return handle
}

/// Replaces the output shown earlier with display id `id`.
public func updateDisplay<T>(_ value: T, id: String) {
    CellSession.sink.display(mimeBundle(of: value), displayID: id, update: true)
}

/// Clears the cell's output; with `wait`, only when the next output arrives (avoids flicker).
public func clearOutput(wait: Bool = false) {
    CellSession.sink.clearOutput(wait: wait)
}

/// An output shown by `display(_:id:)`, which can be replaced in place.
public struct DisplayHandle: Sendable, Hashable {
    /// The display id the frontend knows this output by.
    public let id: String

    /// Replaces the output with `value`.
    public func update<T>(_ value: T) { updateDisplay(value, id: id) }
}

/// Reads a line typed by the user in the frontend (Jupyter's `input_request`), or nil when the frontend
/// does not allow input. Cells see this instead of the standard library's `readLine`, which would read the
/// worker's standard input.
public func readLine(strippingNewline: Bool = true) -> String? {
    input(prompt: "", password: false).map { strippingNewline ? $0 : $0 + "\n" }
}

/// Asks the user for a line of input in the frontend, showing `prompt`; nil when input is not allowed.
public func input(prompt: String = "", password: Bool = false) -> String? {
    CellSession.sink.requestInput(prompt: prompt, password: password)
}
