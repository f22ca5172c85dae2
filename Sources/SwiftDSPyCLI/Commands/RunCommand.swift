import ArgumentParser

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Executes a notebook or literate script headlessly.")

    func run() throws {
        throw NotImplemented(command: "run")
    }
}
