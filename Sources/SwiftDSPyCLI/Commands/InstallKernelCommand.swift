import ArgumentParser

struct InstallKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install-kernel", abstract: "Installs the Swift (DSPy) kernelspec for Jupyter.")

    func run() throws {
        throw NotImplemented(command: "install-kernel")
    }
}
