// Swift side of the random-search benchmark (bench/optimizers/run.py): the notebook's settings on arithmetic data.
// Usage: OptimizerBench BASE_URL THREADS. Prints one JSON line: wall seconds, LM calls, chosen seed, scores.
import DSPy
import DSPyTesting
import Foundation
import HTTPClient
import JSON

/// Drops DSPy's progress and logs, so the output is the JSON line alone (the Python side is silenced too).
struct QuietPresenter: Presenter {
    struct Display: ProgressDisplay {
        func update(_ progress: ProgressState) {}
        func finish(_ progress: ProgressState) {}
    }
    func beginProgress(total: Int) -> any ProgressDisplay { Display() }
    func show(_ table: ResultTable) {}
    func log(_ line: String) {}
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let threads = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: OptimizerBench BASE_URL THREADS\n".utf8))
    exit(2)
}
let base = arguments[1]
let lm = LM("openai/arithmetic", apiBase: base + "/v1", apiKey: "local", cache: false)
let judgeLM = LM("openai/judge", apiBase: base + "/v1", apiKey: "local", cache: false)
let judge = Predict("question, answer -> correct: bool")
configure(lm: lm)
Presentation.install(QuietPresenter())

let correctness = Metric(name: "correctness") { example, prediction, _ -> Double in
    let verdict = try context(lm: judgeLM) { try judge(question: example.question, answer: prediction.answer) }
    return verdict.correct == .bool(true) ? 1 : 0
}

_ = try HTTPClient.shared.post(base + "/reset", body: [])
let start = Date()
let best = try BootstrapFewShotWithRandomSearch(
    metric: correctness, maxBootstrappedDemos: 2, numCandidatePrograms: 8, numThreads: threads
).compile(ArithmeticProgram(), trainset: Arithmetic.examples(75), valset: Arithmetic.examples(25, offset: 500))
let wall = Date().timeIntervalSince(start)
let calls = try JSONValue(parsing: Data(HTTPClient.shared.get(base + "/stats").body))["calls"] ?? .null
let chosen = best.candidatePrograms.first { $0.program === best }?.seed ?? 99
let scores = JSONValue.object(Dictionary(best.candidatePrograms.map { (String($0.seed), JSONValue.double($0.score)) },
                                         uniquingKeysWith: { a, _ in a }))
print(JSONValue.object(["wall": .double(wall), "calls": calls, "chosen": .int(chosen), "scores": scores]).serialized())
