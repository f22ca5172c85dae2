import Digests
import Foundation

/// SHA-256 checks of downloaded and assembled files.
enum FileDigest {
    /// The lower-case hex SHA-256 of a file, read in 4 MiB chunks.
    static func sha256(of url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw LlamaServerError.fileSystem(path: url.path, message: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().hexString
    }

    /// Like `verify`, but skips the hash when a stamp written by an earlier successful check still matches the
    /// file's size, modification time and inode: hashing 0.5 GB takes half a minute on a loaded 2-core machine,
    /// and any write to the file changes its modification time, so a changed file is hashed again.
    static func verifyWithStamp(_ url: URL, sha256 expected: String, size: Int, origin: String) throws {
        let stamp = url.appendingPathExtension("verified")
        if let recorded = FileManager.default.contents(atPath: stamp.path),
           recorded == Data(try identity(of: url, sha256: expected).utf8) { return }
        try? FileManager.default.removeItem(at: stamp)
        try verify(url, sha256: expected, size: size, origin: origin)
        try recordStamp(for: url, sha256: expected)
    }

    /// Records that `url` was just verified to have `sha256`.
    static func recordStamp(for url: URL, sha256: String) throws {
        let stamp = url.appendingPathExtension("verified")
        _ = FileManager.default.createFile(atPath: stamp.path, contents: Data(try identity(of: url, sha256: sha256).utf8))
    }

    /// The digest a stamp vouches for, with the file's size, nanosecond modification time and inode.
    private static func identity(of url: URL, sha256: String) throws -> String {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw LlamaServerError.fileSystem(path: url.path, message: String(cString: strerror(errno)))
        }
        return "\(sha256) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)\n"
    }

    /// Throws unless the file has the pinned size (when given) and SHA-256; `origin` says where it came from.
    static func verify(_ url: URL, sha256 expected: String, size: Int? = nil, origin: String) throws {
        if let size {
            let actual = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? -1
            guard actual == size else {
                throw LlamaServerError.sizeMismatch(path: url.path, expected: size, actual: actual, origin: origin)
            }
        }
        let actual = try sha256(of: url)
        guard actual == expected else {
            throw LlamaServerError.digestMismatch(path: url.path, expected: expected, actual: actual, origin: origin)
        }
    }
}
