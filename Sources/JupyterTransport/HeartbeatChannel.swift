import Foundation
import JupyterKernel
import Synchronization
import ZeroMQ

/// Heartbeat: echoes every message on its own thread, so a frontend sees the kernel alive while a cell runs.
final class HeartbeatChannel: Sendable {
    private let socket: GuardedSocket

    init(context: Context, endpoint: String) throws {
        socket = try GuardedSocket(context: context, type: .reply, bindTo: endpoint)
    }

    /// Echoes until `stopping` turns true.
    func serve(until stopping: @escaping @Sendable () -> Bool) {
        while !stopping() {
            do {
                guard let ping = try socket.receive(timeout: 0.1) else { continue }
                try socket.send(ping)
            } catch {
                KernelLog.warning("heartbeat: \(error)")
                return
            }
        }
    }

    func close() { socket.close() }
}
