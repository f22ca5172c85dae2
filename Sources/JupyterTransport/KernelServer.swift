import Foundation
import JupyterKernel
import JupyterProtocol
import KernelInterpreter
import Synchronization
import ZeroMQ

/// Serves an interpreter as a Jupyter kernel on the sockets of a connection file: shell, control and heartbeat
/// each on their own thread, SIGINT as an interrupt.
public final class KernelServer: Sendable {
    private let context: Context
    private let transport: ZeroMQTransport
    private let kernel: Kernel
    private let stopping = Atomic<Bool>(false)
    private let restartRequested = Atomic<Bool>(false)

    /// Binds the sockets of `connection` for `interpreter`; `historyFile` as `Kernel`'s.
    /// - Throws: `ZeroMQError` when an endpoint cannot be bound; `UnsupportedSignatureScheme`.
    public init(connection: ConnectionInfo, interpreter: any Interpreter, info: KernelInfo = KernelInfo(),
                historyFile: String? = nil) throws {
        context = try Context()
        transport = try ZeroMQTransport(connection: connection, context: context)
        kernel = Kernel(interpreter: interpreter, transport: transport, info: info, historyFile: historyFile)
    }

    /// Serves until a `shutdown_request`; returns whether a restart was asked for.
    @discardableResult
    public func run() -> Bool {
        let finished = DispatchSemaphore(value: 0)
        let threads = DispatchGroup()
        let isStopping: @Sendable () -> Bool = { self.stopping.load(ordering: .relaxed) }
        let kernel = self.kernel
        InterruptSignal.install { kernel.interruptExecution() }

        spawn("kernel-heartbeat", in: threads) { [transport] in transport.heartbeat.serve(until: isStopping) }
        for channel in [transport.control, transport.shell] {
            spawn("kernel-\(channel.channel.rawValue)", in: threads) {
                if case .shutDown(let again) = channel.serve(kernel: kernel, until: isStopping) {
                    self.restartRequested.store(again, ordering: .relaxed)
                    self.stopping.store(true, ordering: .relaxed)
                    finished.signal()
                }
            }
        }
        kernel.announce()
        finished.wait()
        // A cell that ignores the shutdown must not keep the process alive.
        let stopped = threads.wait(timeout: .now() + 3) == .success
        transport.close()
        // Only when every thread let go of its socket can the context flush the last replies; otherwise exit
        // without waiting rather than hang on a cell that ignores the shutdown.
        if stopped { context.terminate() }
        return restartRequested.load(ordering: .relaxed)
    }

    private func spawn(_ name: String, in group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.name = name
        // Cells run on the shell thread; give them room for deep recursion.
        thread.stackSize = 16 << 20
        thread.start()
    }
}
