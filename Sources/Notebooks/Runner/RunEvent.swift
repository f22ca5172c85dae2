/// What happens during a headless run, in order, for whoever shows it (a terminal, a log, a test).
public enum RunEvent: Sendable, Equatable {
    /// A code cell starts; `cellNumber` is 1-based among all cells, `executionCount` the prompt number it gets.
    case cellStarted(cellNumber: Int, executionCount: Int, source: String)
    /// Text the cell wrote to `stdout` or `stderr`.
    case stream(name: String, text: String)
    /// A rich output, new or (with `update`) replacing an earlier one with the same display id.
    case display(Output, displayID: String?, update: Bool)
    /// The cell cleared its output.
    case clearOutput
    /// The cell ended; `failed` when it ended with an error (which arrives first as a `.display(.error…)`).
    case cellFinished(cellNumber: Int, seconds: Double, failed: Bool)
    /// Something worth telling the user that is not output (e.g. a parameter the notebook does not declare).
    case notice(String)
}

/// Receives the events of a run; called from the thread running the cell and from the interpreter's threads.
public protocol RunObserver: Sendable {
    func handle(_ event: RunEvent)
}
