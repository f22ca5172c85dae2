import Foundation

/// Where the compiler and the modules cells import are: the SwiftPM bin directory that holds the worker.
public struct Toolchain: Sendable {
    /// The `swiftc` that compiles cells.
    public var swiftc: String
    /// The directory holding `swift-dspy-worker`, `Modules/` and the C module maps under `*.build/`.
    public var binDirectory: URL

    /// The worker executable.
    public var workerExecutable: URL { binDirectory.appendingPathComponent("swift-dspy-worker") }

    /// The toolchain's `usr/bin`, where `swiftc` points (it is usually a symlink to the driver).
    var compilerDirectory: URL { URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent() }

    /// The compiler frontend, run directly: the driver would add ~150 ms of process start-up and a second,
    /// module-only frontend job to every cell.
    var frontend: String { compilerDirectory.appendingPathComponent("swift-frontend").path }

    /// The toolchain's lld, which links a cell's object into a shared library in a few milliseconds.
    var linker: String { compilerDirectory.appendingPathComponent("ld.lld").path }

    /// The object every Swift image links to register its metadata sections with the runtime.
    var runtimeImageObject: String {
        #if arch(x86_64)
        let architecture = "x86_64"
        #else
        let architecture = "aarch64"
        #endif
        return URL(fileURLWithPath: swiftLibraryDirectory).appendingPathComponent("\(architecture)/swiftrt.o").path
    }

    /// The Swift runtime's libraries (`libswiftCore.so`, `libswiftRegexBuilder.so`, ...).
    var swiftLibraryDirectory: String {
        compilerDirectory.deletingLastPathComponent().appendingPathComponent("lib/swift/linux").path
    }

    /// Where the linker looks for libraries: the Swift runtime's directory, then the system's as the
    /// toolchain's clang reports them (asked once).
    func librarySearchPaths() -> [String] {
        let clang = compilerDirectory.appendingPathComponent("clang").path
        let printed = (try? CompilerProcess.run(clang, ["-print-search-dirs"]).output) ?? ""
        let system = printed.split(separator: "\n").first { $0.hasPrefix("libraries: =") }
            .map { $0.dropFirst("libraries: =".count).split(separator: ":").map(String.init) } ?? []
        return [swiftLibraryDirectory] + system
    }

    /// Flags the driver gives every frontend job so that macros from the toolchain's plugins expand.
    var pluginFlags: [String] {
        let usr = compilerDirectory.deletingLastPathComponent()
        return ["-in-process-plugin-server-path", usr.appendingPathComponent("lib/swift/host/libSwiftInProcPluginServer.so").path,
                "-plugin-path", usr.appendingPathComponent("lib/swift/host/plugins").path,
                "-plugin-path", usr.appendingPathComponent("local/lib/swift/host/plugins").path]
    }

    public init(swiftc: String, binDirectory: URL) {
        self.swiftc = swiftc
        self.binDirectory = binDirectory
    }

    /// The toolchain for the running program: the worker beside its executable, `swiftc` from `SWIFTC` or
    /// `PATH`.
    public static func discover(binDirectory: URL? = nil) throws -> Toolchain {
        // The running executable as the OS knows it (a bare name in argv[0] would resolve against the cwd).
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let bin = binDirectory ?? executable.resolvingSymlinksInPath().deletingLastPathComponent()
        guard let swiftc = ProcessInfo.processInfo.environment["SWIFTC"] ?? findOnPath("swiftc") else {
            throw CellEngineError.toolchainNotFound("swiftc is neither in SWIFTC nor on PATH")
        }
        let toolchain = Toolchain(swiftc: swiftc, binDirectory: bin)
        guard FileManager.default.isExecutableFile(atPath: toolchain.workerExecutable.path) else {
            throw CellEngineError.toolchainNotFound("no swift-dspy-worker in \(bin.path) (build it with `swift build`)")
        }
        for tool in [toolchain.frontend, toolchain.linker, toolchain.runtimeImageObject]
        where !FileManager.default.fileExists(atPath: tool) {
            throw CellEngineError.toolchainNotFound("\(tool) is missing from the toolchain of \(swiftc)")
        }
        return toolchain
    }

    /// Flags that let a cell import the preloaded modules without linking them: the worker exports their
    /// symbols, so cells resolve the worker's single copy of DSPy's state.
    ///
    /// Importing a Swift module also needs the C modules it imports: SwiftPM writes module maps of C targets
    /// under `<bin>/*.build/`, and system-library targets keep theirs in the package's `Sources/`, found by
    /// walking up from the bin directory to the package that built it.
    public func moduleFlags() -> [String] {
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
