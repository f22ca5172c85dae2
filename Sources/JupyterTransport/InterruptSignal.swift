import Foundation
import JupyterKernel
import Synchronization

/// Turns SIGINT (`interrupt_mode: signal`) into a call on an ordinary thread.
///
/// The handler only writes a byte to a pipe (async-signal-safe); a watcher thread reads it and calls the
/// action. A handler, unlike SIG_IGN or a blocked mask, is reset by `exec`, so processes the kernel starts
/// (the cell worker, swiftc) still receive SIGINT normally.
enum InterruptSignal {
    private static let pipeDescriptors: (read: Int32, write: Int32)? = {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return nil }
        return (descriptors[0], descriptors[1])
    }()
    private static let writeEnd = Atomic<Int32>(-1)

    /// Installs the handler and starts the watcher; `action` runs once per SIGINT.
    static func install(_ action: @escaping @Sendable () -> Void) {
        guard let descriptors = pipeDescriptors else {
            KernelLog.warning("SIGINT interrupts unavailable: pipe() failed (\(errno))")
            return
        }
        writeEnd.store(descriptors.write, ordering: .sequentiallyConsistent)
        let watcher = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(descriptors.read, &byte, 1)
                if count == 1 { action() } else if count < 0 && errno == EINTR { continue } else { return }
            }
        }
        watcher.name = "kernel-sigint"
        watcher.start()
        signal(SIGINT) { _ in
            var byte: UInt8 = 1
            _ = write(InterruptSignal.writeEnd.load(ordering: .relaxed), &byte, 1)
        }
    }
}
