import Digests
import Foundation
import JSON
import Synchronization

/// DSPy's two-level response cache: an in-memory layer in front of an on-disk SQLite store shared by threads
/// and processes.
///
/// Keys are computed exactly as DSPy 3.4.1 computes them (SHA-256 of the request's sorted compact JSON, without
/// `api_key`, `api_base` and `base_url`), so one request maps to one entry whatever the server or key.
/// The disk store lives in `$DSPY_CACHEDIR`, else `$XDG_CACHE_HOME/swift-dspy`, else `~/.cache/swift-dspy`.
public final class Cache: Sendable {
    /// Whether entries are kept in memory.
    public let enableMemoryCache: Bool
    /// Whether entries are kept on disk.
    public let enableDiskCache: Bool
    /// The directory of the disk store, when enabled.
    public let diskCacheDir: String?
    private let memory: MemoryCache?
    private let disk: DiskCache?

    /// Opens a cache.
    /// - Throws: `CacheError` when the disk store cannot be created or opened.
    public init(
        enableDiskCache: Bool = true, enableMemoryCache: Bool = true, diskCacheDir: String? = nil,
        memoryMaxEntries: Int = 1_000_000
    ) throws {
        self.enableDiskCache = enableDiskCache
        self.enableMemoryCache = enableMemoryCache
        let directory = enableDiskCache ? diskCacheDir ?? Cache.defaultDirectory : nil
        self.diskCacheDir = directory
        memory = enableMemoryCache ? MemoryCache(maxEntries: max(1, memoryMaxEntries)) : nil
        disk = try directory.map(DiskCache.init(directory:))
    }

    /// Where the disk store goes when no directory is given.
    public static var defaultDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let directory = environment["DSPY_CACHEDIR"], !directory.isEmpty { return directory }
        if let base = environment["XDG_CACHE_HOME"], !base.isEmpty { return base + "/swift-dspy" }
        return FileManager.default.homeDirectoryForCurrentUser.path + "/.cache/swift-dspy"
    }

    /// The cache key of a request, as DSPy's `Cache.cache_key` computes it.
    public static func key(for request: [String: JSONValue]) -> String {
        let hashed = request.filter { !["api_key", "api_base", "base_url"].contains($0.key) }
        return SHA256.hash(data: CompactJSON.bytes(.object(hashed))).hexString
    }

    /// The entry for `key`, from memory or else from disk (then kept in memory).
    public func get(_ key: String) throws -> CachedCompletion? {
        if let hit = memory?.get(key) { return hit }
        guard let disk, let text = try disk.get(key) else { return nil }
        let entry: CachedCompletion
        do {
            entry = try JSONDecoder().decode(CachedCompletion.self, from: Data(text.utf8))
        } catch {
            throw CacheError(path: disk.path, operation: "decode the entry \(key)", reason: String(describing: error))
        }
        memory?.put(key, entry)
        return entry
    }

    /// Stores an entry in both layers; `inMemory: false` keeps it on disk only.
    public func put(_ key: String, _ entry: CachedCompletion, inMemory: Bool = true) throws {
        if inMemory { memory?.put(key, entry) }
        guard let disk else { return }
        let data = try JSONEncoder().encode(entry)
        try disk.put(key, String(decoding: data, as: UTF8.self))
    }

    /// Forgets the in-memory layer (the disk store stays).
    public func resetMemoryCache() { memory?.clear() }

    /// The cache LM calls use: the one given to `configureCache`, else a default one opened on first use.
    public static func shared() throws -> Cache {
        try sharedCache.withLock { cache in
            if let cache { return cache }
            let opened = try Cache()
            cache = opened
            return opened
        }
    }

    fileprivate static let sharedCache = Mutex<Cache?>(nil)
}

/// Replaces the cache every LM uses (DSPy's `dspy.configure_cache`).
/// - Throws: `CacheError` when the disk store cannot be opened.
public func configureCache(
    enableDiskCache: Bool = true, enableMemoryCache: Bool = true, diskCacheDir: String? = nil,
    memoryMaxEntries: Int = 1_000_000
) throws {
    let cache = try Cache(
        enableDiskCache: enableDiskCache, enableMemoryCache: enableMemoryCache, diskCacheDir: diskCacheDir,
        memoryMaxEntries: memoryMaxEntries)
    Cache.sharedCache.withLock { $0 = cache }
}
