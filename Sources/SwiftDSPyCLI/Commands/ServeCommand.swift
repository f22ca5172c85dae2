import ArgumentParser

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serves the built-in offline model over the OpenAI-compatible HTTP API.")

    func run() throws {
        throw NotImplemented(command: "serve")
    }
}
