import CellEngine
import Foundation

/// The bare compiler, as tests' reference: `swiftc -typecheck` of one file in a temporary folder.
enum SwiftcReference {
    /// The exit status and output of type-checking `source` saved as `fileName`, and the path it had.
    static func typeCheck(_ source: String, fileName: String, arguments: [String]) throws
        -> (status: Int32, output: String, path: String) {
        let toolchain = try Toolchain.discover(binDirectory: EngineFixture.binDirectory)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftc-reference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(fileName)
        try source.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolchain.swiftc)
        process.arguments = ["-typecheck"] + arguments + toolchain.moduleFlags() + [file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text, file.path)
    }
}
