import Foundation
import JSON
import Synchronization

/// Where the display API sends what cells show; the worker process installs the real one.
package protocol CellOutputSink: Sendable {
    func display(_ bundle: [String: JSONValue], displayID: String?, update: Bool)
    func clearOutput(wait: Bool)
    func requestInput(prompt: String, password: Bool) -> String?
}

/// The process-wide connection between cells and the worker that runs them.
package enum CellSession {
    private static let installed = Mutex<any CellOutputSink>(StandardOutputSink())

    /// The sink outputs go to; outside a worker, plain text on standard output.
    package static var sink: any CellOutputSink {
        get { installed.withLock { $0 } }
        set { installed.withLock { $0 = newValue } }
    }
}

/// Used when no worker installed a sink (e.g. the library used from a plain program): prints text.
private struct StandardOutputSink: CellOutputSink {
    func display(_ bundle: [String: JSONValue], displayID: String?, update: Bool) {
        print(bundle["text/plain"]?.stringValue ?? "\(bundle)")
    }
    func clearOutput(wait: Bool) {}
    func requestInput(prompt: String, password: Bool) -> String? { Swift.readLine() }
}
