// ---
// jupyter:
//   kernelspec:
//     display_name: Swift (DSPy)
//     language: swift
//     name: swift-dspy
// ---

// %% [markdown]
// # Text-to-SQL with DSPy, replayed in Swift
//
// This notebook replays, cell by cell, a published DSPy study that taught a small open model,
// **Starling-LM-7B-beta**, to turn questions into SQL, with **GPT-4** as the judge and **GPT-3.5-Turbo**
// as the baseline to beat. The study ran DSPy 2.4 in Python; here every step is Swift, on this project's
// port of DSPy (which follows DSPy 3.x, so prompts are chat messages and ChainOfThought's field is
// `reasoning` where the study saw `rationale`).
//
// The steps, in the study's order:
//
// 1. imports and API keys; 2. the served model and the evaluator model; 3. a smoke test;
// 4. the data (75 train / 25 validation / 75 test rows); 5. one sample; 6. the `TextToSql` signature;
// 7. `Predict`; 8. `ChainOfThought`; 9. the judge metric; 10. grading one sample;
// 11. baseline evaluations; 12. the `TextToSqlProgram` module; 13. `LabeledFewShot`;
// 14. `BootstrapFewShotWithRandomSearch`; 15. the results beside the published ones.
//
// **Where the models and data come from.** Every setting is read from the environment:
// `SERVED_MODEL_URL` / `SERVED_MODEL_NAME` for the model under study, `JUDGE_MODEL_URL` / `JUDGE_MODEL_NAME`
// for the evaluator (the served model judges itself when no judge is named), `COMPARISON_MODEL_URL` /
// `COMPARISON_MODEL_NAME` for the baseline model, and `OPENAI_API_KEY` where an endpoint needs it. Without them
// the project's **built-in offline text-to-SQL model** is started (`swift-dspy serve --port 0`) and plays every
// role, so the notebook runs anywhere —
// but its scores say nothing about Starling or GPT-4, and every score below names the model that produced it.
// Data comes from `TEXT2SQL_TRAIN` / `TEXT2SQL_TEST` (JSON Lines in the dataset's fields) when set, else the
// built-in sample rows.

// %% [markdown]
// The run's knobs. `swift-dspy run notebooks/Text2SQL.ipynb -p trainSampleSize 40` overrides them, as papermill does.

// %% tags=["parameters"]
let trainSampleSize = 100   // rows sampled from the train split (the study: 100)
let testSampleSize = 75     // rows sampled from the test split (the study: 75)
let seed = 1399             // the study's seed for sampling and splitting
let evaluationThreads = 10  // Evaluate's num_threads in the study
let randomSearchCandidates = 8  // BootstrapFewShotWithRandomSearch's num_candidate_programs (the study: 8)

// %% [markdown]
// ## 1. Imports and API keys
//
// DSPy and the SQL toolkit are already loaded in the kernel; importing them makes their names visible.
// Keys come from the environment, never from the notebook.

// %%
import Foundation
import DSPy
import SQLToolkit
import CellRuntime

let environment = ProcessInfo.processInfo.environment
let openAIKey = environment["OPENAI_API_KEY"]
print("OPENAI_API_KEY is", openAIKey == nil ? "not set" : "set")

// %% [markdown]
// ## 2. The served model and the evaluator
//
// The study served Starling-LM-7B-beta with vLLM's OpenAI-compatible server and judged with GPT-4; both
// used the same generation settings: temperature 0, at most 500 tokens, stop at a blank line, one
// completion, chat format. When no endpoint is configured, the built-in offline model is started here —
// `swift-dspy serve --port 0` picks a free port and prints it on its first line — and stopped at the end.

// %%
/// One OpenAI-compatible endpoint: where it is and which model it serves.
struct Endpoint {
    let url: String
    let model: String
    /// How scores from this endpoint are labelled.
    var label: String { url.hasPrefix("http://127.0.0.1") && model == "offline-text2sql" ? "offline model" : model }
}

let needsOfflineModel = environment["SERVED_MODEL_URL"] == nil
let offlineServer = needsOfflineModel ? try OfflineModelServer() : nil
let offlineEndpoint = offlineServer.map { Endpoint(url: $0.baseURL, model: "offline-text2sql") }

func configuredEndpoint(_ prefix: String, defaultModel: String?) -> Endpoint? {
    guard let url = environment["\(prefix)_URL"] else { return nil }
    return Endpoint(url: url, model: environment["\(prefix)_NAME"] ?? defaultModel ?? "model")
}

let servedEndpoint = configuredEndpoint("SERVED_MODEL", defaultModel: "starling-lm-7b-beta") ?? offlineEndpoint!
let judgeEndpoint = configuredEndpoint("JUDGE_MODEL", defaultModel: "gpt-4-0125-preview") ?? servedEndpoint
let comparisonEndpoint = configuredEndpoint("COMPARISON_MODEL", defaultModel: "gpt-3.5-turbo-0125")

/// The study's shared generation settings.
func studyLM(_ endpoint: Endpoint) -> LM {
    LM("openai/\(endpoint.model)", apiBase: endpoint.url, apiKey: openAIKey ?? "local",
       temperature: 0, maxTokens: 500, stop: ["\n\n"], n: 1, modelType: .chat)
}

let lm = studyLM(servedEndpoint)
configure(lm: lm)
let evaluator = studyLM(judgeEndpoint)
let comparisonLM = comparisonEndpoint.map(studyLM)

print("served model:", servedEndpoint.label, "at", servedEndpoint.url)
print("evaluator:   ", judgeEndpoint.label, "at", judgeEndpoint.url)
print("comparison:  ", comparisonEndpoint.map { "\($0.label) at \($0.url)" } ?? "none configured (the GPT-3.5 rows are not replayed)")

// %% [markdown]
// ## 3. Smoke test
//
// The study's first call asked the served model a question that has nothing to do with SQL, to see the
// endpoint answer at all. The raw completion is shown as it comes back.

// %%
let smokeTest = try lm("What is the capital of Colombia?")
print(smokeTest)

// %% [markdown]
// ## 4. The data
//
// The study used Hugging Face's `gretelai/synthetic_text_to_sql`, keeping `sql_prompt`, `sql_context` and
// `sql`, with the first two as inputs. With seed 1399 it sampled 100 rows of the train split and 75 of
// the test split, then held out 25% of the 100 for validation: **75 train, 25 validation, 75 test**.
//
// Here the rows come from `TEXT2SQL_TRAIN` / `TEXT2SQL_TEST` when set, else from the Hugging Face dataset
// when it can be reached (whole splits, as the study sampled them, cached on disk after the first fetch), else
// from the SQL toolkit's built-in sample (324 rows written by this project in the dataset's fields; every
// third row plays the test split, the rest the train split). The sampling and splitting draw exactly as
// Python's `random` does for the same seed.

// %%
let fields = ["sql_prompt", "sql_context", "sql"]

/// The rows of one split and where they came from.
func loadSplit(_ variable: String, split: String) throws -> (rows: [Example], source: String) {
    if let path = environment[variable] {
        let records = try DatasetRecords.file(URL(filePath: path)).selecting(fields, source: path)
        return (records.rows.map { Example(dictionary: $0).withInputs("sql_prompt", "sql_context") },
                URL(filePath: path).lastPathComponent)
    }
    do {
        let records = try HuggingFaceDataset("gretelai/synthetic_text_to_sql", split: split)
            .records(fields: fields)
        return (records.rows.map { Example(dictionary: $0).withInputs("sql_prompt", "sql_context") },
                "gretelai/synthetic_text_to_sql (\(split) split)")
    } catch {
        print("Hugging Face is not reachable (\(error)); using the built-in sample for the \(split) split.")
        let builtIn = try SampleData.text2sql().enumerated()
            .filter { index, _ in (index % 3 == 2) == (split == "test") }
            .map { _, example in Example(fields: fields.map { ($0, example[$0]!) }).withInputs("sql_prompt", "sql_context") }
        return (builtIn, "the built-in sample")
    }
}

let trainSplit = try loadSplit("TEXT2SQL_TRAIN", split: "train")
let testSplit = try loadSplit("TEXT2SQL_TEST", split: "test")

let (trainset, valset, testset) = try {
    var loader = DataLoader(seed: seed)
    let sampledTrain = try loader.sample(trainSplit.rows, n: trainSampleSize)
    let sampledTest = try loader.sample(testSplit.rows, n: testSampleSize)
    let split = try loader.trainTestSplit(sampledTrain, testSize: 0.25, randomState: seed)
    return (split.train, split.test, sampledTest)
}()
let dataLabel = trainSplit.source == testSplit.source ? trainSplit.source
    : "train \(trainSplit.source), test \(testSplit.source)"

print("train and validation rows from:", trainSplit.source)
print("test rows from:", testSplit.source)
if environment["TEXT2SQL_TRAIN"] != nil && environment["TEXT2SQL_TRAIN"] == environment["TEXT2SQL_TEST"] {
    print("note: train and test rows are sampled from the same file, so the two sets may share rows")
}
print((trainset.count, valset.count, testset.count))

// %% [markdown]
// ## 5. One training sample
//
// A random row of the training set, field by field.

// %%
let sample = try {
    var random = PythonRandom(seed: seed)
    return try random.choice(trainset)
}()
for (field, value) in sample.items() {
    print("\(field.uppercased()):\n\(value)\n")
}

// %% [markdown]
// ## 6. The signature
//
// What the program should do, in DSPy's terms: instructions, two inputs and one output, each with a
// short description that ends up in the prompt.

// %%
let TextToSql = Signature("Transform a natural language query into a SQL query.") {
    InputField("sql_prompt", desc: "Natural language query")
    InputField("sql_context", desc: "Context for the query")
    OutputField("sql", desc: "SQL query")
}

// %% [markdown]
// ## 7. Baseline: `Predict`
//
// The simplest module: one call to the served model with the signature's prompt.

// %%
let predictSQL = Predict(TextToSql)
let baselinePrediction = try predictSQL(sql_prompt: sample.sql_prompt, sql_context: sample.sql_context)
for (field, value) in baselinePrediction.items() {
    print("\(field.uppercased()):\n\(value)\n")
}

// %% [markdown]
// ## 8. `ChainOfThought`
//
// The same signature, with the model asked to reason step by step before it answers. DSPy 2.4 called
// that field `rationale`; DSPy 3 calls it `reasoning`.

// %%
let chainOfThought = ChainOfThought(TextToSql)
let chainPrediction = try chainOfThought(sql_prompt: sample.sql_prompt, sql_context: sample.sql_context)
for (field, value) in chainPrediction.items() {
    print("\(field.uppercased()):\n\(value)\n")
}

// %% [markdown]
// ## 9. The metric: an LLM judge
//
// There is no gold answer checker in the study: the evaluator model reads the question, the context and
// the generated query and says whether the query answers the question. The judge is itself a DSPy
// signature, run under `context(lm: evaluator)` so that it never uses the served model. The metric
// scores 1 for an exact "Yes"; when an optimizer passes a trace (while bootstrapping) it answers pass or
// fail, as the study's `correctness_metric` returned a bool then and an int otherwise — both print and
// sum the same way.

// %%
let Correctness = Signature(
    "Assess if the SQL query accurately answers the given natural language query based on the provided context."
) {
    InputField("sql_prompt", desc: "Natural language query")
    InputField("sql_context", desc: "Context for the query")
    InputField("sql", desc: "SQL query")
    OutputField("correct", desc: "Indicate whether the SQL query correctly answers the natural language query based on the given context",
                prefix: "Yes/No:")
}

@Sendable func correctnessMetric(_ example: Example, _ pred: Prediction, _ trace: Trace?) throws -> Bool {
    let verdict = try context(lm: evaluator) {
        try Predict(Correctness)(sql_prompt: example.sql_prompt, sql_context: example.sql_context, sql: pred.sql)
    }
    return verdict.correct.pythonStr == "Yes"
}

// %% [markdown]
// ## 10. Grading one data point
//
// The judge on the ChainOfThought answer above, then the evaluator's last prompt and reply.

// %%
let sampleScore = try correctnessMetric(sample, chainPrediction, nil) ? 1 : 0
print("correctness of \(servedEndpoint.label)'s ChainOfThought answer to the sample (a row of \(dataLabel)),",
      "judged by \(judgeEndpoint.label):", sampleScore)
evaluator.inspectHistory(n: 1)

// %% [markdown]
// ## 11. Baseline evaluations
//
// `Evaluate` runs a program over a set on 10 threads, scoring each prediction with the judge, with a
// progress bar as in the study. The study evaluated `Predict(TextToSql)` with GPT-3.5-Turbo and with
// Starling on validation (25 rows) and test (75 rows); the GPT-3.5 rows run here only when a comparison
// model is configured.

// %%
let evaluateOnValidation = Evaluate(devset: valset, metric: correctnessMetric, numThreads: evaluationThreads,
                                    displayProgress: true)
let evaluateOnTest = Evaluate(devset: testset, metric: correctnessMetric, numThreads: evaluationThreads,
                              displayProgress: true)

/// One row of the closing table: which model, which optimizer, and both evaluations.
struct StageResult {
    let model: String
    let optimization: String
    /// The row of the study's table this one replays.
    let publishedRow: String
    let validation: EvaluationResult
    let test: EvaluationResult
}

/// The highlighted box that closes each evaluation stage, naming the model, the judge and the data.
struct StageSummary: MimeRepresentable {
    let stage: StageResult

    var lines: [String] {
        ["\(stage.model) · \(stage.optimization) — judged by \(judgeEndpoint.label) · data: \(dataLabel)",
         "validation correctness: \(stage.validation.score)% (n = \(valset.count))",
         "test correctness: \(stage.test.score)% (n = \(testset.count))"]
    }

    var mimeBundle: [String: JSONValue] {
        let html = """
            <div style="border-left: 4px solid #2b7bb9; background: #eef6fc; padding: 8px 12px; margin: 4px 0">
            <b>\(HTML.escaped(lines[0]))</b><br>\(lines[1])<br>\(lines[2])</div>
            """
        return ["text/html": .string(html), "text/plain": .string(lines.joined(separator: "\n"))]
    }
}

/// Evaluates `program` (run by the LM in context) on validation and test, saying first which model, data and judge
/// the scores below come from, and closes the stage with its summary box.
func evaluateStage(_ program: Module, model: Endpoint, optimization: String, publishedRow: String) throws -> StageResult {
    print("Evaluating \(model.label) · \(optimization) on \(valset.count) validation and \(testset.count) test rows",
          "of \(dataLabel), judged by \(judgeEndpoint.label):")
    let stage = StageResult(model: model.label, optimization: optimization, publishedRow: publishedRow,
                            validation: try evaluateOnValidation(program), test: try evaluateOnTest(program))
    display(StageSummary(stage: stage))
    return stage
}

let comparisonBaseline: StageResult? = try comparisonLM.map { comparison in
    try context(lm: comparison) {
        try evaluateStage(Predict(TextToSql), model: comparisonEndpoint!, optimization: "none", publishedRow: "GPT 3.5 Turbo")
    }
}

// %%
let servedBaseline = try evaluateStage(Predict(TextToSql), model: servedEndpoint, optimization: "none",
                                       publishedRow: "Starling7B")

// %% [markdown]
// ## 12. A program
//
// Optimizers work on programs: modules whose `forward` composes other modules. This one holds a
// `ChainOfThought(TextToSql)` and passes the two inputs through.

// %%
final class TextToSqlProgram: Module {
    let program = ChainOfThought(TextToSql)

    override func forward(_ inputs: Example) throws -> Prediction {
        try program(sql_prompt: inputs.sql_prompt, sql_context: inputs.sql_context)
    }
}

// %% [markdown]
// ## 13. `LabeledFewShot`
//
// The simplest optimizer: put k = 4 labeled training rows in the prompt as demonstrations. The served
// model's last prompt shows them.

// %%
let labeledProgram = try LabeledFewShot(k: 4).compile(TextToSqlProgram(), trainset: trainset)
let labeledPrediction = try labeledProgram(sql_prompt: sample.sql_prompt, sql_context: sample.sql_context)
print("SQL:", labeledPrediction.sql)
lm.inspectHistory(n: 1)

// %%
let labeledResult = try evaluateStage(labeledProgram, model: servedEndpoint, optimization: "LabeledFewShot",
                                     publishedRow: "Starling7B")

// %% [markdown]
// ## 14. `BootstrapFewShotWithRandomSearch`
//
// Instead of showing labeled rows, bootstrap demonstrations: run the program on training rows, keep the
// traces the judge accepts, and search over 8 random demo sets (`randomSearchCandidates`; plus 3 fixed seeds:
// zero-shot, labeled only, unshuffled) for the one that scores best on validation. The log below follows the
// study's: each candidate's score, the best so far, and "11 candidate programs found."

// %%
print("Random search with \(servedEndpoint.label): demos bootstrapped from \(trainset.count) training rows, every",
      "candidate scored on \(valset.count) validation rows of \(dataLabel), judged by \(judgeEndpoint.label):")
let randomSearch = BootstrapFewShotWithRandomSearch(metric: correctnessMetric, maxBootstrappedDemos: 2,
                                                    numCandidatePrograms: randomSearchCandidates, numThreads: 5)
let bootstrappedProgram = try randomSearch.compile(TextToSqlProgram(), trainset: trainset, valset: valset)

// %% [markdown]
// The search returns its best candidate (the first one on a tie). Run on the sample, its prompt carries that
// candidate's demos: bootstrapped traces the judge accepted, then labeled rows — or none, if zero-shot won.

// %%
let winner = bootstrappedProgram.candidatePrograms[0]
let demoCount = bootstrappedProgram.namedPredictors().map { $0.1.demos.count }.reduce(0, +)
print("chosen: candidate seed \(winner.seed), \(winner.score)% on validation, \(demoCount) demos")
let bootstrappedPrediction = try bootstrappedProgram(sql_prompt: sample.sql_prompt, sql_context: sample.sql_context)
print("SQL:", bootstrappedPrediction.sql)
lm.inspectHistory(n: 1)

// %%
let bootstrappedResult = try evaluateStage(bootstrappedProgram, model: servedEndpoint,
                                          optimization: "BootstrapFewShotWithRandomSearch", publishedRow: "Starling7B")

// %% [markdown]
// The random search's candidates, by seed (−3 zero-shot, −2 labeled demos only, −1 unshuffled
// bootstrap, then the shuffled ones), scored on validation by the judge.

// %%
/// A bar chart of the candidates' validation scores, best highlighted.
func candidateChart(_ candidates: [CandidateProgram]) -> SVG {
    let ordered = candidates.sorted { $0.seed < $1.seed }
    let best = ordered.map(\.score).max() ?? 0
    let barWidth = 36, gap = 10, height = 160, top = 44
    var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(max(ordered.count * (barWidth + gap) + gap, 560))" \
        height="\(height + top + 40)" font-family="sans-serif" font-size="11">
        <text x="\(gap)" y="14" font-weight="bold">Validation score (%) per random-search candidate</text>
        <text x="\(gap)" y="30">\(HTML.escaped(servedEndpoint.label)), judged by \(HTML.escaped(judgeEndpoint.label)), \
        \(valset.count) rows of \(HTML.escaped(dataLabel))</text>

        """
    for (index, candidate) in ordered.enumerated() {
        let x = gap + index * (barWidth + gap)
        let barHeight = Int(Double(height) * candidate.score / 100)
        let color = candidate.score == best ? "#2b7bb9" : "#9cc3e0"
        svg += """
            <rect x="\(x)" y="\(top + height - barHeight)" width="\(barWidth)" height="\(barHeight)" fill="\(color)"/>
            <text x="\(x + barWidth / 2)" y="\(top + height - barHeight - 3)" text-anchor="middle">\(candidate.score)</text>
            <text x="\(x + barWidth / 2)" y="\(top + height + 14)" text-anchor="middle">\(candidate.seed)</text>

            """
    }
    return SVG(svg + "<text x=\"\(gap)\" y=\"\(top + height + 32)\">seed</text></svg>")
}

print("\(bootstrappedProgram.candidatePrograms.count) candidate programs scored")
display(candidateChart(bootstrappedProgram.candidatePrograms))

// %% [markdown]
// ## 15. Results
//
// The study's table, replayed, beside its published numbers. Correctness is the judge's verdict; the
// execution-accuracy column runs each predicted query and the gold query on a fresh SQLite database built
// from the row's context and compares the results — a check that needs no judge.

// %%
/// The study's published scores, by (model row, optimization).
let published: [String: (validation: String, test: String)] = [
    "GPT 3.5 Turbo/none": ("80.0%", "70.7%"),
    "Starling7B/none": ("72.0%", "50.67%"),
    "Starling7B/LabeledFewShot": ("64.0%", "60.0%"),
    "Starling7B/BootstrapFewShotWithRandomSearch": ("80.0%", "68.0%"),
]

/// The share of test predictions whose query returns the gold query's result, in percent.
func executionAccuracy(_ result: EvaluationResult) throws -> Double {
    let items = try result.results.enumerated().map { index, row in
        try GradingItem(id: .int(index), context: row.example.sql_context.pythonStr, gold: row.example.sql.pythonStr,
                    predicted: row.prediction["sql"]?.pythonStr)
    }
    return try ExecutionAccuracy().grade(items, threads: 4).accuracy * 100
}

/// The closing table, as Markdown (shown as text too) and HTML.
struct ResultsTable: MimeRepresentable {
    let header = ["Model", "Optimization", "Validation correctness (n = \(valset.count))",
                  "Test correctness (n = \(testset.count))", "Test execution accuracy", "Published validation",
                  "Published test"]
    let rows: [[String]]

    var markdown: String {
        ([header, header.map { _ in "---" }] + rows).map { "| " + $0.joined(separator: " | ") + " |" }
            .joined(separator: "\n")
    }

    var mimeBundle: [String: JSONValue] {
        let cells = { (row: [String], tag: String) in row.map { "<\(tag)>\($0)</\(tag)>" }.joined() }
        let html = "<table><thead><tr>\(cells(header, "th"))</tr></thead><tbody>"
            + rows.map { "<tr>\(cells($0, "td"))</tr>" }.joined() + "</tbody></table>"
        return ["text/html": .string(html), "text/markdown": .string(markdown), "text/plain": .string(markdown)]
    }
}

let stages = [comparisonBaseline, servedBaseline, labeledResult, bootstrappedResult].compactMap { $0 }
let resultsTable = ResultsTable(rows: try stages.map { stage in
    let reference = published["\(stage.publishedRow)/\(stage.optimization)"] ?? ("–", "–")
    return [stage.model, stage.optimization, "\(stage.validation.score)%", "\(stage.test.score)%",
            String(format: "%.1f%%", try executionAccuracy(stage.test)), reference.validation, reference.test]
})
print("Judge: \(judgeEndpoint.label). Data: \(dataLabel).")
display(resultsTable)

// %% [markdown]
// The published rows are Starling-LM-7B-beta (and GPT-3.5-Turbo for the first) judged by GPT-4 on the
// study's own 75/25/75 sample of the Hugging Face dataset. Rows produced by the offline model measure this
// project's plumbing, not those models.

// %%
offlineServer?.stop()
print(offlineServer == nil ? "no offline model was started" : "the offline model is stopped")
