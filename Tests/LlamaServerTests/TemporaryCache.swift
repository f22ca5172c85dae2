import Foundation
@testable import LlamaServer

/// A cache directory of its own per test, removed afterwards.
final class TemporaryCache {
    let layout: CacheLayout
    var root: URL { layout.root }

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serve-llm-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        layout = CacheLayout(root: root)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `contents` at `url`, creating its directory.
    func write(_ contents: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url)
    }

    /// Every file under the cache, relative to its root.
    func files() -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { String($0.path.dropFirst(root.path.count + 1)) }
            .sorted()
    }

    /// Makes a wheel (a zip file) at `url` holding `members`, with Python's zipfile.
    func makeWheel(at url: URL, members: [(path: String, contents: Data)]) throws {
        let staging = root.appendingPathComponent("staging-\(UUID().uuidString)")
        var arguments = ["-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                for name, source in zip(sys.argv[2::2], sys.argv[3::2]):
                    z.write(source, name)
            """, url.path]
        for (index, member) in members.enumerated() {
            let source = staging.appendingPathComponent("\(index)")
            try write(member.contents, to: source)
            arguments += [member.path, source.path]
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        try process.run()
        process.waitUntilExit()
        try FileManager.default.removeItem(at: staging)
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
