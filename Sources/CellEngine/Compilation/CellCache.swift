import Foundation

/// Compiled cells kept across sessions, keyed by everything the compiled library depends on: the cell's
/// source, its module name and imports, the keys of the cells it imports, and the preloaded modules' builds.
/// Re-running a notebook then skips the compiler for every unchanged cell.
public struct CellCache: Sendable {
    /// A cache key: the material it was computed from, and its digest (the entry's folder name).
    struct Key: Sendable {
        var material: String
        var digest: String
    }

    /// `$XDG_CACHE_HOME/swift-dspy/cells`, or `~/.cache/swift-dspy/cells`.
    public static var defaultDirectory: URL? {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? environment["HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent(".cache") }
        return base?.appendingPathComponent("swift-dspy").appendingPathComponent("cells")
    }

    let directory: URL
    /// Identifies the compiler and the builds of the modules cells import.
    let toolchainStamp: String

    init(directory: URL, toolchain: Toolchain) {
        self.directory = directory
        toolchainStamp = Self.stamp(of: toolchain)
    }

    /// What identifies the compiler and the builds of the preloaded modules.
    static func stamp(of toolchain: Toolchain) -> String {
        let modules = toolchain.binDirectory.appendingPathComponent("Modules")
        let stamps = Namespace.preloadedModules.map { module -> String in
            let path = modules.appendingPathComponent("\(module).swiftmodule").path
            let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
            return "\(module)@\(date?.timeIntervalSince1970 ?? 0)"
        }
        return ([toolchain.swiftc, "pipeline \(CellCompiler.pipelineVersion)"] + stamps).joined(separator: ",")
    }

    func key(source: String, module: String, header: [String], dependencies: [String]) -> Key {
        let material = ([toolchainStamp, module] + header + dependencies + ["--", source]).joined(separator: "\n")
        return Key(material: material, digest: Self.digest(material))
    }

    /// The cached cell for `key`, copied into `session`; nil on a miss.
    func lookup(_ key: Key, module: String, into session: URL) -> CompiledCell? {
        let entry = directory.appendingPathComponent(key.digest)
        guard let stored = try? String(contentsOf: entry.appendingPathComponent("key.txt"), encoding: .utf8),
              stored == key.material,
              let data = try? Data(contentsOf: entry.appendingPathComponent("cell.json")),
              var cell = try? JSONDecoder().decode(CompiledCell.self, from: data) else { return nil }
        let files = ["lib\(module).so", "\(module).swiftmodule"]
        for file in files {
            let target = session.appendingPathComponent(file)
            try? FileManager.default.removeItem(at: target)
            guard (try? FileManager.default.copyItem(at: entry.appendingPathComponent(file), to: target)) != nil else {
                return nil
            }
        }
        cell.libraryPath = session.appendingPathComponent("lib\(module).so").path
        return cell
    }

    /// Saves a freshly compiled cell. A cache that cannot be written only costs speed, so failures are
    /// ignored.
    func store(_ cell: CompiledCell, key: Key) {
        let fileManager = FileManager.default
        let entry = directory.appendingPathComponent(key.digest)
        let staging = directory.appendingPathComponent(".staging-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            let library = URL(fileURLWithPath: cell.libraryPath)
            let module = library.deletingLastPathComponent().appendingPathComponent("\(cell.module).swiftmodule")
            try fileManager.copyItem(at: library, to: staging.appendingPathComponent(library.lastPathComponent))
            try fileManager.copyItem(at: module, to: staging.appendingPathComponent(module.lastPathComponent))
            try JSONEncoder().encode(cell).write(to: staging.appendingPathComponent("cell.json"))
            try key.material.write(to: staging.appendingPathComponent("key.txt"), atomically: false, encoding: .utf8)
            try? fileManager.removeItem(at: entry)
            try fileManager.moveItem(at: staging, to: entry)
        } catch {
            try? fileManager.removeItem(at: staging)
        }
    }

    /// FNV-1a, 64 bits, twice with different offsets: a folder name, not a security boundary (the full
    /// material is compared on lookup).
    static func digest(_ text: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(first, radix: 16) + String(second, radix: 16)
    }
}
