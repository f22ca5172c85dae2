import ArgumentParser

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Converts between .ipynb notebooks and literate .swift scripts.")

    func run() throws {
        throw NotImplemented(command: "convert")
    }
}
