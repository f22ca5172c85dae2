import Foundation

/// Where the compiler and the modules cells import are: the SwiftPM bin directory that holds the worker.
public struct Toolchain: Sendable {
    /// The `swiftc` that compiles cells.
    public var swiftc: String
    /// The directory holding `swift-dspy-worker`, `Modules/` and the C module maps under `*.build/`.
    public var binDirectory: URL

    /// The worker executable.
    public var workerExecutable: URL { binDirectory.appendingPathComponent("swift-dspy-worker") }

    public init(swiftc: String, binDirectory: URL) {
        self.swiftc = swiftc
        self.binDirectory = binDirectory
    }

    /// The toolchain for the running program: the worker beside its executable, `swiftc` from `SWIFTC` or
    /// `PATH`.
    public static func discover(binDirectory: URL? = nil) throws -> Toolchain {
        let bin = binDirectory ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        guard let swiftc = ProcessInfo.processInfo.environment["SWIFTC"] ?? findOnPath("swiftc") else {
            throw CellEngineError.toolchainNotFound("swiftc is neither in SWIFTC nor on PATH")
        }
        let toolchain = Toolchain(swiftc: swiftc, binDirectory: bin)
        guard FileManager.default.isExecutableFile(atPath: toolchain.workerExecutable.path) else {
            throw CellEngineError.toolchainNotFound("no swift-dspy-worker in \(bin.path) (build it with `swift build`)")
        }
        return toolchain
    }

    /// Flags that let a cell import the preloaded modules without linking them: the worker exports their
    /// symbols, so cells resolve the worker's single copy of DSPy's state.
    ///
    /// Importing a Swift module also needs the C modules it imports: SwiftPM writes module maps of C targets
    /// under `<bin>/*.build/`, and system-library targets keep theirs in the package's `Sources/`, found by
    /// walking up from the bin directory to the package that built it.
    func moduleFlags() -> [String] {
        var flags = ["-I", binDirectory.appendingPathComponent("Modules").path]
        let fileManager = FileManager.default
        var maps: [URL] = []
        for entry in ((try? fileManager.contentsOfDirectory(atPath: binDirectory.path)) ?? []).sorted()
        where entry.hasSuffix(".build") {
            let map = binDirectory.appendingPathComponent(entry).appendingPathComponent("module.modulemap")
            if fileManager.fileExists(atPath: map.path) { maps.append(map) }
        }
        if let sources = packageRoot?.appendingPathComponent("Sources"),
           let walker = fileManager.enumerator(at: sources, includingPropertiesForKeys: nil) {
            for case let file as URL in walker where file.lastPathComponent == "module.modulemap" {
                maps.append(file)
            }
        }
        for map in maps { flags += ["-Xcc", "-fmodule-map-file=\(map.path)"] }
        return flags
    }

    /// The package whose build holds the bin directory (`<package>/.build/<triple>/debug`), if any.
    var packageRoot: URL? {
        var directory = binDirectory
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
        }
        return nil
    }

    private static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
