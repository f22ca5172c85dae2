import ArgumentParser

/// `swift-dspy`: the kernel, the headless runner, the model server and the grader behind one command.
@main
struct SwiftDSPy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-dspy",
        abstract: "DSPy for Swift: a Jupyter kernel, a notebook runner, a model server and a SQL grader.",
        subcommands: [
            KernelCommand.self, InstallKernelCommand.self, RunCommand.self,
            ConvertCommand.self, ServeCommand.self, ServeLLMCommand.self, GradeCommand.self,
        ]
    )
}

/// Thrown by a subcommand whose implementation has not landed yet.
struct NotImplemented: Error, CustomStringConvertible {
    let command: String
    var description: String { "swift-dspy \(command) is not implemented yet." }
}
