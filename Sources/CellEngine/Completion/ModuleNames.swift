import Foundation

/// The top-level names of the project's preloaded modules (DSPy, SQLToolkit, JSON, CellRuntime) and of the C
/// library (Glibc's `pread`, `PF_INET`, ...), which completion ranks first and hides respectively.
///
/// The language server does not say which module a completion comes from, so the names are read from the
/// toolchain's symbol graphs (`swift-symbolgraph-extract`), once per build of those modules: the result is
/// cached beside the compiled cells, and a kernel start with an unchanged build reads one small file.
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
        let cacheFile = cacheDirectory?.appendingPathComponent("completion-names-\(CellCache.digest(CellCache.stamp(of: toolchain))).json")
        if let cacheFile, let data = try? Data(contentsOf: cacheFile),
           let names = try? JSONDecoder().decode(ModuleNames.self, from: data) {
            return names
        }
        let extractor = toolchain.compilerDirectory.appendingPathComponent("swift-symbolgraph-extract").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swift-dspy-symbols-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var names = ModuleNames()
        for module in projectModules {
            for symbol in extract(module, extractor: extractor, flags: moduleFlags, into: scratch) {
                names.project[symbol.name] = names.project[symbol.name] ?? symbol.kind
            }
        }
        names.cLibrary = Set(extract(cLibraryModule, extractor: extractor, flags: moduleFlags, into: scratch).map(\.name))
        // An extraction that found nothing (a toolchain without the tool) is not worth caching.
        if let cacheFile, !names.project.isEmpty, !names.cLibrary.isEmpty, let data = try? JSONEncoder().encode(names) {
            try? FileManager.default.createDirectory(at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? data.write(to: cacheFile, options: .atomic)
        }
        return names
    }

    /// The top-level symbols of `module`: names without parameters (`pread`, not `pread(_:_:_:_:)`).
    private static func extract(_ module: String, extractor: String, flags: [String], into scratch: URL) -> [(name: String, kind: String)] {
        let output = scratch.appendingPathComponent(module)
        try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        guard let result = try? CompilerProcess.run(extractor, ["-module-name", module, "-target", targetTriple,
                                                                "-output-dir", output.path] + flags),
              result.succeeded,
              let data = try? Data(contentsOf: output.appendingPathComponent("\(module).symbols.json")),
              let graph = try? JSONDecoder().decode(SymbolGraph.self, from: data) else { return [] }
        return graph.symbols.compactMap { symbol in
            guard symbol.pathComponents.count == 1, let name = symbol.pathComponents.first else { return nil }
            let kind = symbol.kind.identifier.split(separator: ".").last.map(String.init) ?? ""
            return (name.prefix { $0 != "(" }.description, kind)
        }
    }

    private static var targetTriple: String {
        #if arch(x86_64)
        "x86_64-unknown-linux-gnu"
        #else
        "aarch64-unknown-linux-gnu"
        #endif
    }

    /// The part of a symbol graph file that names are read from.
    private struct SymbolGraph: Decodable {
        struct Symbol: Decodable {
            struct Kind: Decodable { var identifier: String }
            var kind: Kind
            var pathComponents: [String]
        }
        var symbols: [Symbol]
    }
}
