import JSON

/// What the host (the cell engine) asks the worker process to do. One request at a time; `inputReply`
/// only while a cell waits for input.
package enum HostMessage: Codable, Sendable, Equatable {
    /// Loads a library without running it: a compiled cell (restores declarations after a restart), or a package
    /// added with `%install`. Only a cell's code is a place where an interrupt may park the thread running it.
    case load(path: String, isCell: Bool)
    /// Loads a compiled cell library if needed and runs its exported entry point `symbol`.
    case run(path: String, symbol: String)
    /// The user's answer to an `inputRequest`; nil when the frontend refused input.
    case inputReply(String?)
    /// Ends the worker.
    case shutdown
}

/// What the worker tells the host: outputs while a cell runs, then how the request ended.
package enum WorkerMessage: Codable, Sendable, Equatable {
    /// Sent once, when the worker is ready for requests.
    case ready(pid: Int32)
    /// A rich output (or an update of one, by display id).
    case display(bundle: [String: JSONValue], displayID: String?, update: Bool)
    /// Clears the cell's output.
    case clearOutput(wait: Bool)
    /// The cell waits for a line of input.
    case inputRequest(prompt: String, password: Bool)
    /// A `load` succeeded.
    case loaded
    /// A cell finished; `result` is its trailing expression's mime bundle.
    case finished(result: [String: JSONValue]?)
    /// A cell threw `typeName` with `description`; `interrupted` when it stopped because of an interrupt.
    case threw(typeName: String, description: String, interrupted: Bool)
    /// The library or its entry point could not be loaded.
    case loadFailed(message: String)
}
