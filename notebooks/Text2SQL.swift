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
// `reasoning` where the study saw `rationale`). Each step below is one cell under a heading that names it.
//
// **Where the models and data come from.** `ServedModels.configure` reads the environment:
// `SERVED_MODEL_URL` / `SERVED_MODEL_NAME` for the model under study, `JUDGE_MODEL_URL` / `JUDGE_MODEL_NAME`
// for the evaluator (the served model judges itself when no judge is named), `COMPARISON_MODEL_URL` /
// `COMPARISON_MODEL_NAME` for the baseline model, and `OPENAI_API_KEY` where an endpoint needs it. Without them
// the project's **built-in offline text-to-SQL model** is started (`swift-dspy serve --port 0`) and plays every
// role, so the notebook runs anywhere — but its scores say nothing about Starling or GPT-4, and every score below
// names the model that produced it. `Text2SQLDataset.load` reads `TEXT2SQL_TRAIN` / `TEXT2SQL_TEST` (JSON Lines in
// the dataset's fields) when set, else the Hugging Face dataset, else the SQL toolkit's built-in sample rows.

// %% [markdown]
// The run's knobs. `swift-dspy run notebooks/Text2SQL.ipynb -p trainSampleSize 40` overrides them, as papermill does.

// %% tags=["parameters"]
let trainSampleSize = 100   // rows sampled from the train split (the study: 100)
let testSampleSize = 75     // rows sampled from the test split (the study: 75)
let seed = 1399             // the study's seed for sampling and splitting
let evaluationThreads = 10  // Evaluate's num_threads in the study
let randomSearchCandidates = 8  // BootstrapFewShotWithRandomSearch's num_candidate_programs (the study: 8)
let retrievalStep = true   // beyond the paper: similar solved questions and SQLite's function docs
let instructionOptimizers = true  // beyond the paper: MIPROv2 and GEPA (light), which rewrite the instructions too

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

print("OPENAI_API_KEY is", ProcessInfo.processInfo.environment["OPENAI_API_KEY"] == nil ? "not set" : "set")

// %% [markdown]
// ## 2. The served model and the evaluator
//
// The study served Starling-LM-7B-beta with vLLM's OpenAI-compatible server and judged with GPT-4; both
// used the same generation settings: temperature 0, at most 500 tokens, stop at a blank line, one
// completion, chat format. The served model becomes DSPy's default LM, as `dspy.settings.configure(lm=...)` did.

// %%
let models = try ServedModels.configure(
    temperature: 0, maxTokens: 500, stop: ["\n\n"], n: 1,
    defaultNames: ["SERVED_MODEL": "starling-lm-7b-beta", "JUDGE_MODEL": "gpt-4-0125-preview",
                   "COMPARISON_MODEL": "gpt-3.5-turbo-0125"])
let lm = models.served.lm
let evaluator = models.judge.lm
models

// %% [markdown]
// ## 3. Smoke test
//
// The study's first call asked the served model a question that has nothing to do with SQL, to see the
// endpoint answer at all. The raw completion is shown as it comes back.

// %%
try lm("What is the capital of Colombia?")

// %% [markdown]
// ## 4. The data
//
// The study used Hugging Face's `gretelai/synthetic_text_to_sql`, keeping `sql_prompt`, `sql_context` and
// `sql`, with the first two as inputs. With seed 1399 it sampled 100 rows of the train split and 75 of
// the test split, then held out 25% of the 100 for validation: **75 train, 25 validation, 75 test**. The sampling
// and splitting draw exactly as Python's `random` does for the same seed.

// %%
let dataset = try Text2SQLDataset.load()
var loader = DataLoader(seed: seed)
let sampledTrain = try loader.sample(dataset.train, n: trainSampleSize)
let testset = try loader.sample(dataset.test, n: testSampleSize)
let (trainset, valset) = try loader.trainTestSplit(sampledTrain, testSize: 0.25, randomState: seed)
print(dataset)
(trainset.count, valset.count, testset.count)

// %% [markdown]
// ## 5. One training sample
//
// A random row of the training set, field by field.

// %%
var random = PythonRandom(seed: seed)
let sample = try random.choice(trainset)
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
try predictSQL(sql_prompt: sample.sql_prompt, sql_context: sample.sql_context)

// %% [markdown]
// ## 8. `ChainOfThought`
//
// The same signature, with the model asked to reason step by step before it answers. DSPy 2.4 called
// that field `rationale`; DSPy 3 calls it `reasoning`.

// %%
let chainOfThought = ChainOfThought(TextToSql)
let chainPrediction = try chainOfThought(sql_prompt: sample.sql_prompt, sql_context: sample.sql_context)
chainPrediction

// %% [markdown]
// ## 9. The metric: an LLM judge
//
// There is no gold answer checker in the study: the evaluator model reads the question, the context and
// the generated query and says whether the query answers the question. The judge is itself a DSPy
// signature — the study's `Correctness`, field for field, which the SQL toolkit keeps as
// `CorrectnessJudge.signature` — run under `context(lm: evaluator)` so that it never uses the served model. The
// metric scores 1 for an exact "Yes"; it answers pass or fail, as the study's `correctness_metric` returned a bool
// while bootstrapping and an int otherwise — both print and sum the same way.

// %%
let Correctness = CorrectnessJudge.signature

@Sendable func correctnessMetric(_ example: Example, _ pred: Prediction, _ trace: Trace?) throws -> Bool {
    let verdict = try context(lm: evaluator) {
        try Predict(Correctness)(sql_prompt: example.sql_prompt, sql_context: example.sql_context, sql: pred.sql)
    }
    return verdict.correct == "Yes"
}
Correctness

// %% [markdown]
// ## 10. Grading one data point
//
// The judge on the ChainOfThought answer above, then the evaluator's last prompt and reply.

// %%
print("correctness of the sample's ChainOfThought answer, judged by \(models.judge.label):",
      try correctnessMetric(sample, chainPrediction, nil))
evaluator.inspectHistory(n: 1)

// %% [markdown]
// ## 11. Baseline evaluations
//
// `Evaluate` runs a program over a set on 10 threads, scoring each prediction with the judge, with a
// progress bar as in the study. Each evaluation stage ends in a highlighted summary box and adds a row to the
// results table of step 15, beside the study's published numbers; the execution-accuracy column runs each predicted
// query and the gold query on a fresh SQLite database built from the row's context — a check that needs no judge.

// %%
let scoredOn = "judged by \(models.judge.label), rows of \(dataset.source)"
let evaluateOnValidation = Evaluate(devset: valset, metric: correctnessMetric, numThreads: evaluationThreads,
                                    displayProgress: true)
let evaluateOnTest = Evaluate(devset: testset, metric: correctnessMetric, numThreads: evaluationThreads,
                              displayProgress: true)
let results = ComparisonTable(
    columns: ["Model", "Optimization", "Validation correctness (n = \(valset.count))",
              "Test correctness (n = \(testset.count))", "Test execution accuracy"],
    published: ["Published validation (n = 25)", "Published test (n = 75)"])

/// Evaluates `program` on validation and test and adds its row to the results.
func evaluateStage(_ program: Module, _ model: ServedModel, _ optimization: String, published: [String]) throws
    -> ComparisonTable.Row {
    print("Evaluating \(model.label) · \(optimization), \(scoredOn):")
    let validation = try evaluateOnValidation(program), test = try evaluateOnTest(program)
    let executionAccuracy = String(format: "%.1f%%", try ExecutionAccuracy().percent(of: test))
    return results.add([model.label, optimization, "\(validation.score)%", "\(test.score)%", executionAccuracy],
                       published: published)
}

// %% [markdown]
// The study evaluated `Predict(TextToSql)` with GPT-3.5-Turbo and with Starling on validation (25 rows) and test
// (75 rows); the GPT-3.5 rows run here only when a comparison model is configured.

// %%
if let comparison = models.comparison {
    display(try context(lm: comparison.lm) {
        try evaluateStage(Predict(TextToSql), comparison, "none", published: ["80.0%", "70.7%"])
    })
}
try evaluateStage(Predict(TextToSql), models.served, "none", published: ["72.0%", "50.67%"])

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
try evaluateStage(labeledProgram, models.served, "LabeledFewShot", published: ["64.0%", "60.0%"])

// %% [markdown]
// ## 14. `BootstrapFewShotWithRandomSearch`
//
// Instead of showing labeled rows, bootstrap demonstrations: run the program on training rows, keep the
// traces the judge accepts, and search over 8 random demo sets (`randomSearchCandidates`; plus 3 fixed seeds:
// zero-shot, labeled only, unshuffled) for the one that scores best on validation. The log below follows the
// study's: each candidate's score, the best so far, and "11 candidate programs found."

// %%
print("Random search with \(models.served.label) over \(trainset.count) training rows, every candidate \(scoredOn):")
let randomSearch = BootstrapFewShotWithRandomSearch(metric: correctnessMetric, maxBootstrappedDemos: 2,
                                                    numCandidatePrograms: randomSearchCandidates, numThreads: 5)
let bootstrappedProgram = try randomSearch.compile(TextToSqlProgram(), trainset: trainset, valset: valset)

// %% [markdown]
// The search returns its best candidate (the first one on a tie). Run on the sample, its prompt carries that
// candidate's demos: bootstrapped traces the judge accepted, then labeled rows — or none, if zero-shot won.

// %%
let winner = bootstrappedProgram.candidatePrograms[0]
print("chosen: candidate seed \(winner.seed), \(winner.score)% on validation")
let bootstrappedPrediction = try bootstrappedProgram(sql_prompt: sample.sql_prompt, sql_context: sample.sql_context)
print("SQL:", bootstrappedPrediction.sql)
lm.inspectHistory(n: 1)

// %%
try evaluateStage(bootstrappedProgram, models.served, "BootstrapFewShotWithRandomSearch", published: ["80.0%", "68.0%"])

// %% [markdown]
// The random search's candidates, by seed (−3 zero-shot, −2 labeled demos only, −1 unshuffled
// bootstrap, then the shuffled ones), scored on validation by the judge.

// %%
bootstrappedProgram.candidatePrograms.chart(caption: "\(models.served.label), \(scoredOn)")

// %% [markdown]
// ## Beyond the paper: a retrieval step
//
// Two lookups before the SQL is written: the training questions most like this one become its demos
// (`KNNFewShot` over the embedding model, `EMBEDDING_MODEL_URL` or the offline model's), and the passages of
// SQLite's function documentation that best match the question (BM25 over Debian's `sqlite3-doc`) become an
// extra input. Set `retrievalStep` to `false` in the parameters to leave it out.

// %%
let functionDocs = try SQLFunctionDocs.retriever(k: 2)
let TextToSqlWithDocs = try TextToSql.append(
    InputField("sql_docs", desc: "SQLite documentation of functions the query may need"))

final class RetrievalTextToSqlProgram: Module {
    let program = ChainOfThought(TextToSqlWithDocs)

    override func forward(_ inputs: Example) throws -> Prediction {
        let docs = try functionDocs(inputs.sql_prompt.pythonStr).passages
        return try program(sql_prompt: inputs.sql_prompt, sql_context: inputs.sql_context, sql_docs: docs)
    }
}

if retrievalStep {
    let retrieval = try KNNFewShot(k: 3, trainset: trainset, vectorizer: models.embedder())
    display(try evaluateStage(retrieval.compile(RetrievalTextToSqlProgram()), models.served,
                              "KNNFewShot + SQLite function docs", published: []))
}

// %% [markdown]
// ## Beyond the paper: MIPROv2
//
// DSPy's default optimizer today rewrites the instructions as well as choosing demos: it bootstraps demo sets,
// proposes instructions from a summary of the data and of the program, then searches instruction × demo-set
// combinations with a Bayesian (TPE) sampler, each trial scored by the judge on validation. Set
// `instructionOptimizers` to `false` in the parameters to leave it out.

// %%
if instructionOptimizers {
    print("MIPROv2 with \(models.served.label) over \(trainset.count) training rows, every trial \(scoredOn):")
    let mipro = try MIPROv2(metric: Metric(correctnessMetric), auto: .light, numThreads: evaluationThreads)
        .optimize(TextToSqlProgram(), trainset: trainset, valset: valset)
    display(mipro.chart(caption: "\(models.served.label), \(scoredOn)"))
    print("chosen instruction:", mipro.program.predictors()[0].signature.instructions)
    display(try evaluateStage(mipro.program, models.served, "MIPROv2 (light)", published: []))
}

// %% [markdown]
// ## Beyond the paper: GEPA
//
// GEPA evolves the instructions by reflection: it runs the program on a few training rows, shows the served model
// the questions, its SQL and *feedback in words* — here from executing the SQL (the SQLite error, or how the rows
// differ from the gold query's) — and asks for a better instruction; candidates that improve are kept on a Pareto
// front of validation rows, and the best on average wins.

// %%
if instructionOptimizers {
    print("GEPA with \(models.served.label) reflecting on its SQL, judged by execution accuracy, rows of \(dataset.source):")
    let gepa = try GEPA(metric: ExecutionAccuracy().feedbackMetric, auto: .light, reflectionLM: lm,
                        numThreads: evaluationThreads)
        .optimize(TextToSqlProgram(), trainset: trainset, valset: valset)
    display(gepa.chart(caption: "\(models.served.label), execution accuracy on \(valset.count) validation rows"))
    print("chosen instruction:", gepa.program.predictors()[0].signature.instructions)
    display(try evaluateStage(gepa.program, models.served, "GEPA (light)", published: []))
}

// %% [markdown]
// ## 15. Results
//
// The study's table, replayed, beside its published numbers. The published rows are Starling-LM-7B-beta (and
// GPT-3.5-Turbo for the first) judged by GPT-4 on the study's own 75/25/75 sample of the Hugging Face dataset.
// Rows produced by the offline model measure this project's plumbing, not those models.

// %%
print("Judge: \(models.judge.label). Data: \(dataset.source).")
results
