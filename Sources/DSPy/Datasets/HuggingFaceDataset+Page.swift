import Foundation
import HTTPClient
import JSON

extension HuggingFaceDataset {
    /// One page of rows as the datasets server sent it.
    struct Page: Sendable {
        var columns: [String]
        var rows: [[String: JSONValue]]
        /// The split's row count (`num_rows_total`).
        var total: Int
    }

    func cacheFile(at offset: Int, length: Int) -> URL {
        splitDirectory.appendingPathComponent("rows-\(offset)-\(length).json")
    }

    /// One page, from the cache or fetched and cached, with only `fields` (all columns when nil).
    func page(at offset: Int, length: Int, fields: [String]?) throws -> Page {
        let file = cacheFile(at: offset, length: length)
        if let data = try? Data(contentsOf: file) {
            return try decodePage(data, offset: offset, fields: fields, source: file.path)
        }
        let url = "\(endpoint)/rows?dataset=\(Self.escape(name))&config=\(Self.escape(config))&split=\(Self.escape(split))"
            + "&offset=\(offset)&length=\(length)"
        let data = try fetch(url)
        let page = try decodePage(data, offset: offset, fields: fields, source: url)
        do {
            try FileManager.default.createDirectory(at: splitDirectory, withIntermediateDirectories: true)
            // Written whole then renamed, so a crash never leaves a truncated page that later reads as the cache.
            let partial = file.appendingPathExtension("partial-\(UUID().uuidString)")
            try data.write(to: partial)
            guard rename(partial.path, file.path) == 0 else {
                throw DatasetError(source: file.path, reason: .unreadable("cannot write the cache: errno \(errno)"))
            }
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError(source: file.path, reason: .unreadable("cannot write the cache: \(error.localizedDescription)"))
        }
        return page
    }

    /// The body of a GET, retried when the server is busy (429) or failing (5xx).
    private func fetch(_ url: String) throws -> Data {
        var attempt = 1
        while true {
            try Interruption.check()
            let response: HTTPResponse
            do {
                response = try HTTPClient.shared.get(url, timeout: 60, isCancelled: { Interruption.isRequested })
            } catch {
                try Interruption.check()
                throw DatasetError(source: url, reason: .download("\(error)"))
            }
            if response.status == 200 { return Data(response.body) }
            let retriable = response.status == 429 || (500...599).contains(response.status)
            guard retriable, attempt < attempts else {
                throw DatasetError(source: url, reason: .download("HTTP \(response.status): \(response.text.prefix(300))"))
            }
            try Self.pause(seconds: response.header("retry-after").flatMap(Double.init) ?? Double(1 << (attempt - 1)))
            attempt += 1
        }
    }

    /// Waits up to a minute, in short steps so that an interrupt ends the wait.
    private static func pause(seconds: Double) throws {
        let end = Date().addingTimeInterval(min(max(seconds, 0), 60))
        while Date() < end {
            try Interruption.check()
            Thread.sleep(forTimeInterval: min(0.1, end.timeIntervalSinceNow))
        }
    }

    /// A rows page: its rows must be the split's rows from `offset` on, whole (no truncated cells), each with `fields`.
    ///
    /// Pages are read with Foundation's `JSONSerialization` and only the kept fields become `JSONValue`s: a split of
    /// 100,000 rows then loads from the cache in seconds, where `JSONValue(parsing:)`'s Codable path (about 0.17 s a
    /// page in debug builds) took minutes.
    private func decodePage(_ data: Data, offset: Int, fields: [String]?, source: String) throws(DatasetError) -> Page {
        guard let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let items = body["rows"] as? [Any],
              let total = (body["num_rows_total"] as? NSNumber)?.intValue
        else {
            throw DatasetError(source: source, reason: .malformed("not a datasets-server rows page (no \"rows\" and \"num_rows_total\")"))
        }
        if (body["partial"] as? NSNumber)?.boolValue == true {
            throw DatasetError(source: source, reason: .download(
                "the server holds only part of this split (\"partial\": true), so its rows would not be the whole split"))
        }
        let columns = fields ?? (body["features"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        var rows: [[String: JSONValue]] = []
        for (index, item) in items.enumerated() {
            let rowNumber = offset + index + 1
            guard let item = item as? [String: Any], let row = item["row"] as? [String: Any],
                  (item["row_idx"] as? NSNumber)?.intValue == offset + index
            else {
                throw DatasetError(source: source, row: rowNumber, reason: .malformed("expected the split's row \(rowNumber) here"))
            }
            if let truncated = (item["truncated_cells"] as? [String])?.first {
                throw DatasetError(source: source, row: rowNumber, reason: .malformed(
                    "the server truncated field '\(truncated)'; ask for fewer rows per page (pageLength)"))
            }
            guard let fields else {
                rows.append(row.mapValues(JSONValue.init(foundation:)))
                continue
            }
            var kept: [String: JSONValue] = [:]
            for field in fields {
                guard let value = row[field] else { throw DatasetError(source: self.source, row: rowNumber, reason: .missingField(field)) }
                kept[field] = JSONValue(foundation: value)
            }
            rows.append(kept)
        }
        return Page(columns: columns, rows: rows, total: total)
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? text
    }
}
