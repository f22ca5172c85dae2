import ArgumentParser
import CellEngine
import Foundation
import JupyterKernel
import JupyterProtocol
import JupyterTransport

/// `swift-dspy kernel -f FILE`: the Jupyter kernel, Swift cells run by the cell engine.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Runs the Jupyter kernel for a connection file.",
        discussion: "Jupyter starts this through the kernelspec that `swift-dspy install-kernel` writes."
    )

    @Option(name: [.customShort("f"), .customLong("connection-file")],
            help: ArgumentHelp("The connection file Jupyter wrote for this kernel.", valueName: "FILE"))
    var connectionFile: String

    func run() throws {
        let connection = try ConnectionInfo(contentsOf: URL(fileURLWithPath: connectionFile))
        let interpreter = try CellInterpreter(configuration: .default)
        // bench/completion turns the warm-up off to measure the cold path it saves.
        if ProcessInfo.processInfo.environment["SWIFT_DSPY_NO_COMPLETION_WARMUP"] == nil { interpreter.warmUpCompletion() }
        try KernelServer(connection: connection, interpreter: interpreter, historyFile: Kernel.defaultHistoryFile).run()
    }
}
