import ArgumentParser

struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kernel", abstract: "Runs the Jupyter kernel for a connection file.")

    func run() throws {
        throw NotImplemented(command: "kernel")
    }
}
