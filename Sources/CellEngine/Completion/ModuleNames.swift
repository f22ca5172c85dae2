import Foundation

/// The top-level names of the project's preloaded modules (DSPy, SQLToolkit, JSON, CellRuntime) and of the C
/// library (Glibc's `pread`, `PF_INET`, ...), which completion ranks first and hides respectively.
///
/// The language server does not say which module a completion comes from, so the names are read from the
/// toolchain's `swift-api-digester`, once per build of those modules: the result is cached, and a kernel start
/// with an unchanged build reads one small file.
struct ModuleNames: Sendable, Codable, Equatable {
    /// The project's names and their symbol kinds (`class`, `struct`, `func`, `var`, ...).
    var project: [String: String] = [:]
    /// The C library's names.
    var cLibrary: Set<String> = []

    /// The modules whose names count as the project's.
    static let projectModules = Namespace.preloadedModules.filter { $0 != "Foundation" }
    /// The Clang module under `import Glibc`.
    static let cLibraryModule = "SwiftGlibc"

    /// `~/.cache/swift-dspy/completion` (beside the compiled cells): the names depend only on the build, so
    /// every session shares them, whatever its cell cache.
    static var defaultCacheDirectory: URL? {
        CellCache.defaultDirectory?.deletingLastPathComponent().appendingPathComponent("completion")
    }

    /// The names for the modules `toolchain` built, from the cache in `cacheDirectory` when present.
    static func load(toolchain: Toolchain, moduleFlags: [String], cacheDirectory: URL?) -> ModuleNames {
        let key = CellCache.digest("names from swift-api-digester, C library alone\n" + CellCache.stamp(of: toolchain))
        let cacheFile = cacheDirectory?.appendingPathComponent("completion-names-\(key).json")
        if let cacheFile, let data = try? Data(contentsOf: cacheFile),
           let names = try? JSONDecoder().decode(ModuleNames.self, from: data) {
            return names
        }
        var names = ModuleNames()
        for declaration in declarations(of: projectModules, toolchain: toolchain, flags: moduleFlags)
        where projectModules.contains(declaration.moduleName) {
            names.project[declaration.name] = names.project[declaration.name] ?? declaration.declKind.lowercased()
        }
        // On its own: dumped beside modules that import Foundation, the C library loses functions like `pread`.
        names.cLibrary = Set(declarations(of: [cLibraryModule], toolchain: toolchain, flags: moduleFlags).map(\.name))
        // An extraction that found nothing (a toolchain without the tool) is not worth caching.
        if let cacheFile, !names.project.isEmpty, !names.cLibrary.isEmpty, let data = try? JSONEncoder().encode(names) {
            try? FileManager.default.createDirectory(at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? data.write(to: cacheFile, options: .atomic)
        }
        return names
    }

    /// The top-level declarations of `modules`, from one `swift-api-digester -dump-sdk` (~1 s). Symbol graphs
    /// would leave out C functions whose parameters are underscored, like `pread(__fd:...)`.
    private static func declarations(of modules: [String], toolchain: Toolchain, flags: [String]) -> [SDKDump.Declaration] {
        let digester = toolchain.compilerDirectory.appendingPathComponent("swift-api-digester").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("swift-dspy-names-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let arguments = ["-dump-sdk", "-avoid-location", "-avoid-tool-args", "-target", targetTriple, "-o", output.path]
            + modules.flatMap { ["-module", $0] } + flags
        guard (try? CompilerProcess.run(digester, arguments)) != nil, let data = try? Data(contentsOf: output),
              let dump = try? JSONDecoder().decode(SDKDump.self, from: data) else { return [] }
        return dump.root.children.filter { $0.declKind != "Import" }
    }

    private static var targetTriple: String {
        #if arch(x86_64)
        "x86_64-unknown-linux-gnu"
        #else
        "aarch64-unknown-linux-gnu"
        #endif
    }

    /// The part of an SDK dump that names are read from.
    private struct SDKDump: Decodable {
        struct Declaration: Decodable {
            var name: String
            var declKind: String
            var moduleName: String
        }
        struct Root: Decodable { var children: [Declaration] }
        var root: Root
        enum CodingKeys: String, CodingKey { case root = "ABIRoot" }
    }
}
