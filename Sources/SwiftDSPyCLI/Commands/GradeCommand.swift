import ArgumentParser

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grade", abstract: "Grades predicted SQL by execution accuracy.")

    func run() throws {
        throw NotImplemented(command: "grade")
    }
}
