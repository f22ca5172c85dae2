import Foundation
import JSON

/// One split of a Hugging Face dataset, read whole through the public datasets-server rows API and kept in an
/// on-disk cache, so that once fetched it loads offline.
///
/// The API serves at most 100 rows per request (`/rows?dataset=…&config=…&split=…&offset=…&length=…`), so a split
/// is read page by page, a few pages at a time; each page is cached as it arrives, so an interrupted download
/// resumes where it stopped. The rows come in the split's order, as `datasets.load_dataset` gives them to DSPy's
/// `DataLoader.from_huggingface`: sampling them with `DataLoader(seed:)` draws the rows Python DSPy draws.
public struct HuggingFaceDataset: Sendable {
    /// The dataset's name on the Hub, e.g. `"gretelai/synthetic_text_to_sql"`.
    public var name: String
    public var config: String
    public var split: String
    /// The datasets-server base URL.
    public var endpoint: String
    /// Where pages are cached.
    public var cacheDirectory: URL
    /// Rows per request (the server's maximum is 100).
    public var pageLength: Int
    /// Requests in flight at once while downloading.
    public var concurrentRequests: Int
    /// Attempts per page when the server answers 429 or 5xx (waiting as its `Retry-After` asks, else 1, 2, 4… s).
    public var attempts: Int

    public init(
        _ name: String, config: String = "default", split: String, endpoint: String = "https://datasets-server.huggingface.co",
        cacheDirectory: URL = HuggingFaceDataset.defaultCacheDirectory, pageLength: Int = 100, concurrentRequests: Int = 4,
        attempts: Int = 5
    ) {
        self.name = name
        self.config = config
        self.split = split
        self.endpoint = endpoint
        self.cacheDirectory = cacheDirectory
        self.pageLength = max(1, pageLength)
        self.concurrentRequests = max(1, concurrentRequests)
        self.attempts = max(1, attempts)
    }

    /// `$SWIFT_DSPY_CACHE/datasets`, or `~/.cache/swift-dspy/datasets`.
    public static var defaultCacheDirectory: URL {
        if let root = ProcessInfo.processInfo.environment["SWIFT_DSPY_CACHE"], !root.isEmpty {
            return URL(fileURLWithPath: root).appendingPathComponent("datasets")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/swift-dspy/datasets")
    }

    /// The folder holding this split's cached pages.
    public var splitDirectory: URL {
        cacheDirectory.appendingPathComponent(name.replacingOccurrences(of: "/", with: "--"))
            .appendingPathComponent(config).appendingPathComponent(split)
    }

    /// How errors name the split.
    var source: String { "\(name) [\(config)/\(split)]" }

    /// Every row of the split (or the first `limit`), in order, from the cache where present and the server otherwise.
    /// - Parameter fields: keep only these columns; every row must have them.
    /// - Throws: `DatasetError` for download failures, malformed or truncated pages and missing fields;
    ///   `Interrupted` when the user interrupts a download.
    public func records(fields: [String]? = nil, limit: Int? = nil) throws -> DatasetRecords {
        let first = try page(at: 0, length: min(pageLength, limit ?? pageLength), fields: fields)
        let end = min(first.total, limit ?? first.total)
        let offsets = Array(stride(from: first.rows.count, to: end, by: pageLength))
        var rows = first.rows
        if !offsets.isEmpty {
            let pages = try pages(at: offsets, end: end, fields: fields)
            rows += pages.flatMap(\.rows)
        }
        guard rows.count == end else {
            throw DatasetError(source: source, reason: .malformed("the server announced \(end) rows but served \(rows.count)"))
        }
        return DatasetRecords(columns: first.columns, rows: rows)
    }

    /// The pages at `offsets` (each up to `pageLength` rows, none past `end`) with `fields`, fetched `concurrentRequests` at a time,
    /// with a progress bar while any must be downloaded.
    private func pages(at offsets: [Int], end: Int, fields: [String]?) throws -> [Page] {
        let jobs = offsets.map { offset in
            let length = min(pageLength, end - offset)
            return (offset: offset, length: length, cached: FileManager.default.fileExists(atPath: cacheFile(at: offset, length: length).path))
        }
        let downloads = jobs.filter { !$0.cached }.count
        let progress = downloads == 0 ? nil : CountingProgress(description: "Downloading \(source)", total: downloads)
        defer { progress?.finish() }
        do {
            return try ParallelExecutor(numThreads: concurrentRequests, maxErrors: 1).map(jobs) { job in
                let page = try self.page(at: job.offset, length: job.length, fields: fields)
                if !job.cached { progress?.advance() }
                return page
            }
        } catch ParallelError.tooManyErrors(_, let error) {
            throw error
        }
    }
}
