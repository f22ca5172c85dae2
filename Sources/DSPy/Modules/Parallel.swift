import Foundation
import JSON

/// Runs pairs of (module, inputs) on a bounded number of threads, results in input order — DSPy's
/// `dspy.Parallel`, over `ParallelExecutor`.
public struct Parallel: Sendable {
    public var numThreads: Int?
    public var maxErrors: Int?
    /// Whether failed items come back as `nil` instead of failing the whole run.
    public var returnFailedExamples: Bool

    public init(numThreads: Int? = nil, maxErrors: Int? = nil, returnFailedExamples: Bool = false) {
        self.numThreads = numThreads
        self.maxErrors = maxErrors
        self.returnFailedExamples = returnFailedExamples
    }

    /// Runs every pair and returns the predictions in order.
    ///
    /// - Throws: the first failure (unless `returnFailedExamples`), `Interrupted`, or `ParallelError`.
    public func callAsFunction(_ pairs: [(Module, Example)]) throws -> [Prediction?] {
        let executor = ParallelExecutor(numThreads: numThreads, maxErrors: maxErrors)
        let work = pairs.map { WorkItem(shared: SharedModule(module: $0.0), inputs: $0.1) }
        let results = try executor.run(work) { item in try item.shared.module(item.inputs) }
        return try results.map { result in
            switch result {
            case .success(let prediction): return prediction
            case .failure(let error): if returnFailedExamples { return nil } else { throw error }
            }
        }
    }

    private struct WorkItem: Sendable {
        let shared: SharedModule
        let inputs: Example
    }
}

/// The most common value of the last field among predictions — DSPy's `dspy.majority`; a reduce function for
/// `Ensemble(reduce: majority)`. Nil for no predictions.
public func majority(_ predictions: [Prediction]) -> Prediction? {
    majority(predictions, field: nil)
}

/// The most common value of `field` (the last field when nil) among predictions, after DSPy's answer
/// normalization (lower case, no punctuation or articles, single spaces); ties go to the earliest. Returns the
/// first prediction holding that value — DSPy's `dspy.majority`.
public func majority(_ predictions: [Prediction], field: String?) -> Prediction? {
    guard let first = predictions.first else { return nil }
    let name = field ?? first.keys().last ?? ""
    let normalized = predictions.map { prediction -> String? in
        let text = normalizeAnswer((prediction[name] ?? .null).pythonStr)
        return text.isEmpty ? nil : text
    }
    let candidates = normalized.compactMap { $0 }
    let values = candidates.isEmpty ? normalized.map { $0 ?? "" } : candidates
    var counts: [String: Int] = [:]
    var winner: String?
    for value in values {
        counts[value, default: 0] += 1
    }
    for value in values where winner == nil || counts[value]! > counts[winner!]! { winner = value }
    let index = normalized.firstIndex { ($0 ?? "") == winner } ?? 0
    return predictions[index]
}

/// `majority` over all completions of one prediction.
public func majority(_ prediction: Prediction, field: String? = nil) -> Prediction? {
    majority(prediction.completions.map(Array.init) ?? [prediction], field: field)
}
