import Foundation
import HTTPClient
import JSON

/// One split of a Hugging Face dataset, read through the public datasets-server rows API and kept in an on-disk
/// cache, so that once fetched it loads offline.
///
/// The API serves at most 100 rows per request (`/rows?dataset=…&config=…&split=…&offset=…&length=…`); each page is
/// cached as it arrives, so an interrupted download resumes where it stopped.
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

    public init(
        _ name: String, config: String = "default", split: String, endpoint: String = "https://datasets-server.huggingface.co",
        cacheDirectory: URL = HuggingFaceDataset.defaultCacheDirectory, pageLength: Int = 100
    ) {
        self.name = name
        self.config = config
        self.split = split
        self.endpoint = endpoint
        self.cacheDirectory = cacheDirectory
        self.pageLength = pageLength
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

    private var source: String { "\(name) [\(config)/\(split)]" }

    /// All rows of the split (or the first `limit`), from the cache where present and the server otherwise.
    /// - Parameter fields: keep only these columns; every row must have them.
    /// - Throws: `DatasetError` for download failures, malformed pages and missing fields; `Interrupted` when the
    ///   user interrupts a download.
    public func records(fields: [String]? = nil, limit: Int? = nil) throws -> DatasetRecords {
        var columns: [String] = []
        var rows: [[String: JSONValue]] = []
        var offset = 0
        var total = limit ?? Int.max
        while offset < total {
            let page = try self.page(at: offset, length: min(pageLength, total - offset))
            if columns.isEmpty { columns = page.columns }
            if let pageTotal = page.total { total = min(total, pageTotal) }
            rows += page.rows
            if page.rows.isEmpty { break }
            offset += page.rows.count
        }
        let all = DatasetRecords(columns: columns, rows: rows)
        guard let fields else { return all }
        return try all.selecting(fields, source: source)
    }

    struct Page {
        var columns: [String]
        var rows: [[String: JSONValue]]
        var total: Int?
    }

    /// One page, from the cache or fetched and cached.
    func page(at offset: Int, length: Int) throws -> Page {
        let file = splitDirectory.appendingPathComponent("rows-\(offset)-\(length).json")
        if let data = try? Data(contentsOf: file) {
            return try decodePage(data, source: file.path)
        }
        try Interruption.check()
        let url = "\(endpoint)/rows?dataset=\(Self.escape(name))&config=\(Self.escape(config))&split=\(Self.escape(split))"
            + "&offset=\(offset)&length=\(length)"
        let response: HTTPResponse
        do {
            response = try HTTPClient.shared.get(url, timeout: 60, isCancelled: { Interruption.isRequested })
        } catch {
            try Interruption.check()
            throw DatasetError(source: url, reason: .download("\(error)"))
        }
        guard response.status == 200 else {
            throw DatasetError(source: url, reason: .download("HTTP \(response.status): \(response.text.prefix(300))"))
        }
        let data = Data(response.body)
        let page = try decodePage(data, source: url)
        do {
            try FileManager.default.createDirectory(at: splitDirectory, withIntermediateDirectories: true)
            // Written whole then renamed, so a crash never leaves a truncated page that later reads as the cache.
            let partial = file.appendingPathExtension("partial")
            try data.write(to: partial)
            _ = try FileManager.default.replaceItemAt(file, withItemAt: partial)
        } catch {
            throw DatasetError(source: file.path, reason: .unreadable("cannot write the cache: \(error.localizedDescription)"))
        }
        return page
    }

    private func decodePage(_ data: Data, source: String) throws(DatasetError) -> Page {
        guard let body = try? JSONValue(parsing: data), let items = body["rows"]?.arrayValue else {
            throw DatasetError(source: source, reason: .malformed("not a datasets-server rows page (no \"rows\" array)"))
        }
        let columns = body["features"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        var rows: [[String: JSONValue]] = []
        for (index, item) in items.enumerated() {
            guard let row = item["row"]?.objectValue else {
                throw DatasetError(source: source, row: index + 1, reason: .notAnObject)
            }
            rows.append(row)
        }
        return Page(columns: columns, rows: rows, total: body["num_rows_total"]?.intValue)
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? text
    }
}
