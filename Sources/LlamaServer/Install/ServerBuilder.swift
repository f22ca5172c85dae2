import Foundation

/// Builds llama.cpp's `llama-server` from the pinned sdist with CMake, once per release and CPU, and keeps
/// only the binary (a static build: it needs no library beside it).
struct ServerBuilder {
    let layout: CacheLayout
    var release = LlamaCppRelease.pinned

    /// The cached binary, building it first when it is missing.
    func install() throws -> URL {
        let binary = layout.serverBinary(for: release)
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        return try InstallLock.withLock(layout.lock("llama.cpp-\(release.sdist.version)")) {
            if !FileManager.default.isExecutableFile(atPath: binary.path) { try build(into: binary) }
            return binary
        }
    }

    private func build(into binary: URL) throws {
        let directory = binary.deletingLastPathComponent()
        let log = directory.appendingPathComponent("build.log")
        try CMakeTool.ensureInstalled(log: log)
        let sdist = try PackageDownloader(layout: layout).fetch(release.sdist, source: true)
        let work = directory.appendingPathComponent("work")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        progress("unpacking \(sdist.lastPathComponent)")
        try InstallStep(title: "tar -xzf \(sdist.lastPathComponent)", executable: "tar",
                        arguments: ["-xzf", sdist.path, "-C", work.path]).run(log: log)
        let source = work.appendingPathComponent(sdist.lastPathComponent.replacingOccurrences(of: ".tar.gz", with: ""))
            .appendingPathComponent(release.sourceDirectory)
        let build = work.appendingPathComponent("build")
        let jobs = String(ProcessInfo.processInfo.activeProcessorCount)
        progress("building llama-server \(release.sdist.version) with \(jobs) jobs (tens of minutes on 2 cores; log: \(log.path))")
        try InstallStep(title: "cmake configure", executable: "cmake",
                        arguments: ["-S", source.path, "-B", build.path] + LlamaCppRelease.cmakeOptions).run(log: log)
        try InstallStep(title: "cmake --build (llama-server)", executable: "cmake",
                        arguments: ["--build", build.path, "--target", "llama-server", "-j", jobs]).run(log: log)
        // Copy, then rename into place: a binary that exists is always complete.
        let staged = directory.appendingPathComponent("llama-server.partial")
        try? FileManager.default.removeItem(at: staged)
        try FileManager.default.copyItem(at: build.appendingPathComponent("bin/llama-server"), to: staged)
        try FileManager.default.moveItem(at: staged, to: binary)
        try FileManager.default.removeItem(at: work)
        progress("llama-server installed at \(binary.path)")
    }
}
