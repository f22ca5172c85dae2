import Foundation

extension DatasetRecords {
    /// The rows as Examples, fields in column order, with `inputs` marked as the input fields.
    public func examples(inputs: [String]) -> [Example] {
        rows.map { row in
            Example(fields: columns.compactMap { column in row[column].map { (column, $0) } }).withInputs(inputs)
        }
    }
}

extension DataLoader {
    /// Examples from a `.jsonl`, `.json` or `.csv` file, like `DataLoader.from_json` / `from_csv`.
    /// - Parameters:
    ///   - fields: keep only these columns (every row must have them); all columns when nil.
    ///   - inputKeys: the input fields.
    /// - Throws: `DatasetError` naming the file, row and field.
    public func fromFile(_ path: String, fields: [String]? = nil, inputKeys: [String] = []) throws -> [Example] {
        var records = try DatasetRecords.file(URL(fileURLWithPath: path))
        if let fields { records = try records.selecting(fields, source: path) }
        return records.examples(inputs: inputKeys)
    }

    /// Examples from one split of a Hugging Face dataset through the datasets-server rows API, cached on disk,
    /// like `DataLoader.from_huggingface(name, split=..., fields=..., input_keys=...)`.
    /// - Throws: `DatasetError` for download failures and missing fields; `Interrupted`.
    public func fromHuggingFace(
        _ name: String, split: String, config: String = "default", fields: [String]? = nil, inputKeys: [String] = [],
        endpoint: String = "https://datasets-server.huggingface.co",
        cacheDirectory: URL = HuggingFaceDataset.defaultCacheDirectory
    ) throws -> [Example] {
        let dataset = HuggingFaceDataset(name, config: config, split: split, endpoint: endpoint, cacheDirectory: cacheDirectory)
        return try dataset.records(fields: fields).examples(inputs: inputKeys)
    }
}
