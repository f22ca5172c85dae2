import Foundation

/// Runs the compiler and collects what it prints.
enum CompilerProcess {
    struct Result {
        var succeeded: Bool
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CellEngineError.toolchainNotFound("cannot start \(executable): \(error)")
        }
        // Read before waiting: a compiler printing more than a pipe holds would otherwise never exit.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(succeeded: process.terminationStatus == 0, output: String(decoding: data, as: UTF8.self))
    }
}
