import JSON

/// DSPy's `create_dataset_summary`: the prompt model writes observations about the trainset, batch after batch
/// (at most 10 calls, stopping after 5 answers of `COMPLETE`), then summarizes them — the same prompts as DSPy 3.4.1
/// (`propose/dataset_summary_generator.py`).
enum DatasetSummary {
    static let observationSummarizer = Signature(
        """
        Given a series of observations I have made about my dataset, please summarize them into a brief 2-3 sentence \
        summary which highlights only the most important details.
        """,
        name: "ObservationSummarizer"
    ) {
        InputField("observations", desc: "Observations I have made about my dataset")
        OutputField("summary", desc: "Two to Three sentence summary of only the most significant highlights of my observations")
    }

    static let datasetDescriptor = Signature(
        "Given several examples from a dataset please write observations about trends that hold for most or all of "
            + "the samples. Some areas you may consider in your observations: topics, content, syntax, conciseness, etc. "
            + "It will be useful to make an educated guess as to the nature of the task this dataset will enable. "
            + "Don't be afraid to be creative",
        name: "DatasetDescriptor"
    ) {
        InputField("examples", desc: "Sample data points from the dataset")
        OutputField("observations", desc: "Somethings that holds true for most or all of the data you observed")
    }

    static let datasetDescriptorWithPriorObservations = Signature(
        "Given several examples from a dataset please write observations about trends that hold for most or all of "
            + "the samples. I will also provide you with a few observations I have already made.  Please add your own "
            + "observations or if you feel the observations are comprehensive say 'COMPLETE' Some areas you may "
            + "consider in your observations: topics, content, syntax, conciceness, etc. It will be useful to make an "
            + "educated guess as to the nature of the task this dataset will enable. Don't be afraid to be creative",
        name: "DatasetDescriptorWithPriorObservations"
    ) {
        InputField("examples", desc: "Sample data points from the dataset")
        InputField("prior_observations", desc: "Some prior observations I made about the data")
        OutputField("observations",
                    desc: "Somethings that holds true for most or all of the data you observed or COMPLETE if you have nothing to add")
    }

    /// The summary of `trainset`, stripped of a leading label (`strip_prefix`).
    /// - Throws: the prompt model's or adapter's error from the first or the last call (DSPy's proposer then goes on
    ///   without a summary); failures of the calls in between end the observations early, as in DSPy.
    static func create(trainset: [Example], viewDataBatchSize: Int, promptModel: (any LanguageModel)?) throws -> String {
        let settings: [String: JSONValue] = ["n": 1, "temperature": 1.0]
        func batch(_ range: Range<Int>) -> JSONValue {
            .string("[" + trainset[range].map(\.description).joined(separator: ", ") + "]")
        }
        let first = try Predict(datasetDescriptor, config: settings)
            .call(["examples": batch(0..<min(trainset.count, viewDataBatchSize))], lm: promptModel)
        var observations = first["observations"]?.pythonStr ?? ""
        var skips = 0, calls = 0
        do {
            for start in stride(from: viewDataBatchSize, to: trainset.count, by: max(1, viewDataBatchSize)) {
                calls += 1
                if calls >= 10 { break }
                let output = try Predict(datasetDescriptorWithPriorObservations, config: settings).call(
                    ["prior_observations": .string(observations),
                     "examples": batch(start..<min(trainset.count, start + viewDataBatchSize))],
                    lm: promptModel)
                let more = output["observations"]?.pythonStr ?? ""
                if more.count >= 8, more.prefix(8).uppercased() == "COMPLETE" {
                    skips += 1
                    if skips >= 5 { break }
                    continue
                }
                observations += more
            }
        } catch let error as Interrupted {
            throw error
        } catch {
            // DSPy keeps the observations made so far.
        }
        let summary = try Predict(observationSummarizer, config: settings)
            .call(["observations": .string(observations)], lm: promptModel)
        return GroundedProposer.stripPrefix(summary["summary"]?.pythonStr ?? "")
    }
}
