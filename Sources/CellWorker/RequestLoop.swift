import CellRuntime
import DSPy
import Foundation

/// Serves the host's requests one at a time until it says `shutdown` or goes away.
struct RequestLoop {
    let channel: WorkerChannel
    let runner: CellRunner

    private typealias Entry = @convention(c) () -> Void

    func serve() {
        channel.send(.ready(pid: getpid()))
        while let request = channel.receive() {
            switch request {
            case .load(let path, let isCell):
                if let failure = load(path, isCell: isCell).failure {
                    channel.send(.loadFailed(message: failure))
                } else {
                    channel.send(.loaded)
                }
            case .run(let path, let symbol):
                channel.send(run(path: path, symbol: symbol))
            case .inputReply:
                continue  // a late answer to a cell that no longer waits
            case .shutdown:
                return
            }
        }
    }

    private func run(path: String, symbol: String) -> WorkerMessage {
        let loaded = load(path, isCell: true)
        guard let handle = loaded.handle else { return .loadFailed(message: loaded.failure ?? "cannot load \(path)") }
        guard let address = dlsym(handle, symbol) else {
            return .loadFailed(message: "\(path) has no entry point \(symbol)")
        }
        Interruption.reset()
        unsafeBitCast(address, to: Entry.self)()
        // Everything the cell printed must be in the pipes before the host sees the reply.
        fflush(nil)
        switch runner.takeOutcome() {
        case .finished(let result): return .finished(result: result)
        case .threw(let typeName, let description, let interrupted):
            return .threw(typeName: typeName, description: description, interrupted: interrupted)
        case nil: return .loadFailed(message: "\(symbol) in \(path) did not run a cell body")
        }
    }

    /// Libraries are loaded globally and never closed: later cells resolve their symbols, and old cells'
    /// closures may still be referenced by live values.
    private func load(_ path: String, isCell: Bool) -> (handle: UnsafeMutableRawPointer?, failure: String?) {
        if let handle = dlopen(path, RTLD_NOW | RTLD_GLOBAL) {
            if isCell { ThreadParking.addCellLibrary(path) }
            return (handle, nil)
        }
        return (nil, dlerror().map { String(cString: $0) } ?? "cannot load \(path)")
    }
}
