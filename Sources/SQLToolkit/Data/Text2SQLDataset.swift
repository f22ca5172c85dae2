import DSPy
import Foundation

/// The Text2SQL study's data by name — `gretelai/synthetic_text_to_sql`, fields `sql_prompt`, `sql_context` (the
/// inputs) and `sql` — split by split: the JSON Lines file `TEXT2SQL_TRAIN` / `TEXT2SQL_TEST` names when set, else
/// the Hugging Face dataset when reachable (cached on disk after the first fetch), else the built-in sample
/// (`SampleData`: every third row plays the test split, the others the train split).
///
/// ```swift
/// let dataset = try Text2SQLDataset.load()
/// var loader = DataLoader(seed: 1399)
/// let trainset = try loader.sample(dataset.train, n: 100)
/// ```
public struct Text2SQLDataset: Sendable {
    /// The dataset's name on the Hugging Face Hub.
    public static let name = "gretelai/synthetic_text_to_sql"
    /// The fields kept, as the study kept them.
    public static let fields = ["sql_prompt", "sql_context", "sql"]
    /// The input fields.
    public static let inputKeys = ["sql_prompt", "sql_context"]

    public let train: [Example]
    public let test: [Example]
    /// Where the train rows came from.
    public let trainSource: String
    /// Where the test rows came from.
    public let testSource: String
    /// Why the Hugging Face dataset was not used, when the built-in sample stands in for it.
    public let hubError: String?

    /// Where the rows came from, in a few words: one source, or the train and the test source.
    public var source: String { trainSource == testSource ? trainSource : "train \(trainSource), test \(testSource)" }

    /// Reads both splits.
    /// - Parameter hubEndpoint: the Hugging Face datasets-server to ask.
    /// - Throws: `DatasetError` for a data file that cannot be read or lacks a field (naming the file, row and
    ///   field); an unreachable Hub is no error (the built-in sample is used, and `source` says why).
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        hubEndpoint: String = "https://datasets-server.huggingface.co"
    ) throws -> Text2SQLDataset {
        let train = try split("train", overriddenBy: "TEXT2SQL_TRAIN", environment: environment, endpoint: hubEndpoint)
        let test = try split("test", overriddenBy: "TEXT2SQL_TEST", environment: environment, endpoint: hubEndpoint)
        return Text2SQLDataset(train: train.split.examples, test: test.split.examples, trainSource: train.split.source,
                               testSource: test.split.source, hubError: train.hubError ?? test.hubError)
    }

    private static func split(
        _ split: String, overriddenBy variable: String, environment: [String: String], endpoint: String
    ) throws -> (split: LoadedSplit, hubError: String?) {
        do {
            return (try DataLoader().split(name, split: split, fields: fields, inputKeys: inputKeys, overriddenBy: variable,
                                           environment: environment, endpoint: endpoint), nil)
        } catch let error as DatasetError where environment[variable] == nil {
            let builtIn = try SampleData.text2sql().enumerated().filter { index, _ in (index % 3 == 2) == (split == "test") }
                .map { _, example in Example(fields: fields.map { ($0, example[$0]!) }).withInputs(inputKeys) }
            return (LoadedSplit(examples: builtIn, source: "the built-in sample"), error.description)
        }
    }
}

extension Text2SQLDataset: CustomStringConvertible {
    /// The splits' sizes and sources, and why the Hub was not used when it was not.
    public var description: String {
        "train split: \(train.count) rows from \(trainSource)\ntest split: \(test.count) rows from \(testSource)"
            + (hubError.map { "\n(\(Self.name) could not be read: \($0))" } ?? "")
    }
}
