// Swift side of the optimizer benchmark (bench/optimizers/run.py), on arithmetic data; the same runs as
// python_optimizers.py. Usage: OptimizerBench BASE_URL THREADS OPTIMIZER [PROGRAM_CODE], OPTIMIZER one of
// random-search, mipro (given the program code Python DSPy showed its proposer) or gepa. Prints one JSON line: wall
// seconds, LM calls and seconds with a call in flight (the server's /stats), and what was chosen.
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

/// Each predictor's instructions and demos, as python_optimizers.py reports them.
func predictors(_ program: Module) -> JSONValue {
    .array(zip(program.predictors(), Arithmetic.demos(of: program)).map { predictor, demos in
        ["instructions": .string(predictor.signature.instructions), "demos": .array(demos.map { .object($0) })]
    })
}

/// The notebook's random search with a judge metric: the chosen seed and every candidate's score.
func randomSearch(base: String, threads: Int) throws -> () throws -> [String: JSONValue] {
    let judgeLM = LM("openai/judge", apiBase: base + "/v1", apiKey: "local", cache: false)
    let judge = Predict("question, answer -> correct: bool")
    let correctness = Metric(name: "correctness") { example, prediction, _ -> Double in
        let verdict = try context(lm: judgeLM) { try judge(question: example.question, answer: prediction.answer) }
        return verdict.correct == .bool(true) ? 1 : 0
    }
    let optimizer = BootstrapFewShotWithRandomSearch(
        metric: correctness, maxBootstrappedDemos: 2, numCandidatePrograms: 8, numThreads: threads)
    return {
        let best = try optimizer.compile(ArithmeticProgram(), trainset: Arithmetic.examples(75),
                                         valset: Arithmetic.examples(25, offset: 500))
        let scores = Dictionary(best.candidatePrograms.map { (String($0.seed), JSONValue.double($0.score)) },
                                uniquingKeysWith: { a, _ in a })
        return ["chosen": .int(best.candidatePrograms.first { $0.program === best }?.seed ?? 99), "scores": .object(scores)]
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let threads = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: OptimizerBench BASE_URL THREADS OPTIMIZER [PROGRAM_CODE]\n".utf8))
    exit(2)
}
let base = arguments[1]
let lm = LM("openai/arithmetic", apiBase: base + "/v1", apiKey: "local", cache: false)
configure(lm: lm)
Presentation.install(QuietPresenter())

let run: () throws -> [String: JSONValue]
switch arguments[3] {
case "random-search":
    run = try randomSearch(base: base, threads: threads)
case "mipro":
    let optimizer = try MIPROv2(metric: Metric(name: "exact_match", Arithmetic.exactMatch), auto: .light, numThreads: threads)
    let options = MIPROv2.Options(programCode: arguments.count > 4 ? arguments[4] : nil)
    run = {
        let result = try optimizer.optimize(ArithmeticProgram(), trainset: Arithmetic.examples(70), options: options)
        return ["chosen": predictors(result.program), "score": .double(result.score)]
    }
case "gepa":
    let optimizer = try GEPA(metric: Arithmetic.feedbackMetric, auto: .light, reflectionLM: lm, numThreads: threads)
    run = {
        let best = try optimizer.compile(ArithmeticProgram(), trainset: Arithmetic.examples(20),
                                         valset: Arithmetic.examples(20, offset: 100))
        return ["chosen": predictors(best)]
    }
case let other:
    FileHandle.standardError.write(Data("unknown optimizer \(other)\n".utf8))
    exit(2)
}

_ = try HTTPClient.shared.post(base + "/reset", body: [])
let start = Date()
let report = try run()
let wall = Date().timeIntervalSince(start)
let stats = try JSONValue(parsing: Data(HTTPClient.shared.get(base + "/stats").body))
print(JSONValue.object(report.merging(["wall": .double(wall), "calls": stats["calls"] ?? .null, "busy": stats["busy"] ?? .null],
                                      uniquingKeysWith: { a, _ in a })).serialized())
