import Foundation

/// The examples of one dataset split and where they were read from.
public struct LoadedSplit: Sendable {
    public var examples: [Example]
    /// The file's name, or the dataset's name and split.
    public var source: String

    public init(examples: [Example], source: String) {
        self.examples = examples
        self.source = source
    }
}

extension DataLoader {
    /// One split of a Hugging Face dataset by name, unless the environment variable `variable` names a local file
    /// (`.jsonl`, `.json` or `.csv`) to read instead — so a notebook runs on local copies where the Hub is out of reach.
    /// - Throws: `DatasetError` naming the file or dataset, row and field.
    public func split(
        _ name: String, split: String, fields: [String], inputKeys: [String], overriddenBy variable: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        endpoint: String = "https://datasets-server.huggingface.co"
    ) throws -> LoadedSplit {
        if let path = environment[variable] {
            return LoadedSplit(examples: try fromFile(path, fields: fields, inputKeys: inputKeys),
                               source: URL(fileURLWithPath: path).lastPathComponent)
        }
        return LoadedSplit(examples: try fromHuggingFace(name, split: split, fields: fields, inputKeys: inputKeys,
                                                           endpoint: endpoint),
                           source: "\(name) (\(split) split)")
    }
}
