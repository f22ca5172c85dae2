// ---
// jupyter:
//   kernelspec:
//     display_name: Swift (DSPy)
//     language: swift
//     name: swift-dspy
// ---

// %% [markdown]
// # Metrics, `Evaluate` and optimizers
//
// A DSPy program gets better by measurement: a **metric** scores one prediction, **`Evaluate`** runs a
// program over a set in parallel and averages the metric, and an **optimizer** changes the program —
// here, the demonstrations in its prompt — to raise that average. This notebook does each step on the
// SQL toolkit's built-in text-to-SQL sample and shows the prompt before and after optimizing.
//
// It runs offline on the built-in model unless `SERVED_MODEL_URL` / `SERVED_MODEL_NAME` name a real server.

// %% tags=["parameters"]
let trainSize = 30               // training rows (the demos come from here)
let devSize = 20                 // development rows every program is scored on
let searchCandidates = 3         // the random search's num_candidate_programs
let instructionOptimizers = true // MIPROv2 and GEPA (light) at the end
let gepaMetricCalls: Int? = nil  // GEPA's budget in metric calls (nil: auto: .light)

// %% [markdown]
// ## The model
//
// One call reads the served model from the environment (or starts the offline one) and makes it DSPy's default LM.

// %%
import Foundation
import DSPy
import SQLToolkit

// The served model from SERVED_MODEL_URL / SERVED_MODEL_NAME, else the built-in offline model; DSPy's default LM.
let models = try ServedModels.configure(temperature: 0, maxTokens: 500)
let lm = models.served.lm
models

// %% [markdown]
// ## Data
//
// 30 training and 20 development rows (the parameters above) drawn with a fixed seed, as `dspy.DataLoader` would.

// %%
let (trainset, devset) = try {
    var loader = DataLoader(seed: 7)
    let rows = try loader.sample(try SampleData.text2sql(), n: trainSize + devSize)
    let split = try loader.trainTestSplit(rows, trainSize: .count(trainSize), testSize: .count(devSize), randomState: 7)
    return (split.train, split.test)
}()
print(trainset.count, devset.count)
/// What every score below is measured on, and by which model.
let scoredOn = "model \(models.served.label), \(devset.count) development rows of the built-in sample"

// %% [markdown]
// ## Metrics
//
// A metric takes the example, the prediction and (while an optimizer bootstraps) a trace, and returns a
// score or a pass/fail — any function of that shape, or a `Metric` value. Three kinds:
//
// - **exact match** of the SQL text — strict and cheap, blind to equivalent queries (written here as a
//   plain function);
// - **execution accuracy** — run the predicted and the gold query on the example's own database and
//   compare the results (the SQL toolkit's `ExecutionAccuracy().metric`, in a sandbox);
// - **an LLM judge** — ask a model whether the query answers the question (the study's choice; the SQL
//   toolkit's `CorrectnessJudge(evaluator:).metric`).
//
// All three plug into `Evaluate` and the optimizers as they are.

// %%
let TextToSql = Signature("Transform a natural language query into a SQL query.") {
    InputField("sql_prompt", desc: "Natural language query")
    InputField("sql_context", desc: "Context for the query")
    OutputField("sql", desc: "SQL query")
}

@Sendable func exactMatch(_ example: Example, _ prediction: Prediction, _ trace: Trace?) throws -> Bool {
    let normalize = { (sql: String) in sql.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        .trimmingCharacters(in: CharacterSet(charactersIn: "; ")) }
    return normalize(example.sql.pythonStr) == normalize(prediction.sql.pythonStr)
}

let executionAccuracy = ExecutionAccuracy().metric
let judge = CorrectnessJudge(evaluator: lm).metric

let one = devset[0]
let onePrediction = try Predict(TextToSql)(sql_prompt: one.sql_prompt, sql_context: one.sql_context)
print("gold:     ", one.sql)
print("predicted:", onePrediction.sql)
print("exact match:", try exactMatch(one, onePrediction, nil))
print("execution: ", try executionAccuracy(one, onePrediction), "—", ExecutionAccuracy().verdict(one, onePrediction))
print("judge:     ", try judge(one, onePrediction), "(judged by \(models.served.label) itself)")

// %% [markdown]
// ## `Evaluate`
//
// Runs the program on every development row on several threads, with a live progress bar, and shows a
// table of the first rows. The score is the metric's average in percent.

// %%
let evaluate = Evaluate(devset: devset, metric: executionAccuracy, numThreads: 8, displayProgress: true, displayTable: 5)
let zeroShot = try evaluate(Predict(TextToSql))
print("zero-shot: \(zeroShot.score)% execution accuracy (\(scoredOn))")

// %% [markdown]
// ## `LabeledFewShot`: demonstrations from the training set
//
// The simplest optimizer copies k labeled training rows into the predictor's demos. The prompt now carries
// them as earlier user/assistant turns.

// %%
let labeled = try LabeledFewShot(k: 3).compile(Predict(TextToSql), trainset: trainset)
print("demos:", labeled.demos.count)
_ = try labeled(sql_prompt: one.sql_prompt, sql_context: one.sql_context)
inspectHistory(n: 1)

// %%
let labeledScore = try evaluate(labeled)
print("LabeledFewShot: \(labeledScore.score)% execution accuracy (\(scoredOn))")

// %% [markdown]
// ## `BootstrapFewShot`: demonstrations the program earned
//
// Instead of copying labels, run the program on training rows and keep only the traces the metric
// accepts — here, queries that return the gold result. Those become the demos.

// %%
let bootstrapped = try BootstrapFewShot(metric: executionAccuracy, maxBootstrappedDemos: 3, maxLabeledDemos: 0)
    .compile(Predict(TextToSql), trainset: trainset)
for demo in bootstrapped.demos {
    print("-", demo.sql_prompt, "→", demo.sql)
}
let bootstrappedScore = try evaluate(bootstrapped)
print("BootstrapFewShot: \(bootstrappedScore.score)% execution accuracy (\(scoredOn))")

// %% [markdown]
// ## `BootstrapFewShotWithRandomSearch`: try several demo sets, keep the best
//
// The random search builds candidates from different shuffles of the training set (plus zero-shot,
// labeled-only and unshuffled ones), scores each on the development set and returns the best.

// %%
let searched = try BootstrapFewShotWithRandomSearch(metric: executionAccuracy, maxBootstrappedDemos: 2,
                                                    numCandidatePrograms: searchCandidates, numThreads: 8)
    .compile(Predict(TextToSql), trainset: trainset, valset: devset)
searched.candidatePrograms.chart(caption: "execution accuracy, \(scoredOn)")

// %% [markdown]
// The prompt of the winning program, demos included:

// %%
_ = try searched(sql_prompt: one.sql_prompt, sql_context: one.sql_context)
inspectHistory(n: 1)

// %% [markdown]
// ## `MIPROv2`: instructions as well as demonstrations
//
// The optimizers above only choose demos. MIPROv2, DSPy's default optimizer, also rewrites the instruction:
//
// 1. it bootstraps several demo sets, as `BootstrapFewShot` does;
// 2. a *prompt model* reads a summary of the data, a description of the program and a few examples, and proposes
//    candidate instructions;
// 3. a Bayesian search (Optuna's TPE sampler, ported) tries instruction × demo-set combinations, scoring each trial
//    on the development rows, and keeps the best.
//
// `auto: .light` sizes the run (6 demo sets, 3 instructions, 10 trials). The chart shows the score of every trial.

// %%
let mipro = instructionOptimizers
    ? try MIPROv2(metric: executionAccuracy, auto: .light, numThreads: 8)
        .optimize(Predict(TextToSql), trainset: trainset, valset: devset)
    : nil
if let mipro {
    print("instruction chosen:", mipro.program.signature.instructions)
    display(mipro.chart(caption: "execution accuracy, \(scoredOn)"))
}

// %% [markdown]
// ## `GEPA`: instructions evolved from feedback in words
//
// GEPA needs a metric that explains its score. `ExecutionAccuracy().feedbackMetric` returns 1 or 0 *and* why: the
// SQLite error, or how the rows differ, with the gold query. GEPA runs the program on three training rows, shows a
// *reflection model* (here the same model) the inputs, outputs and feedback, and asks for a better instruction.
// A new candidate that does better on those rows is scored on the development rows and kept if it is best on any of
// them (a Pareto front), so different rows can keep different candidates alive. The chart shows each candidate's score.

// %%
let gepa = instructionOptimizers
    ? try GEPA(metric: ExecutionAccuracy().feedbackMetric, auto: gepaMetricCalls == nil ? .light : nil,
               maxMetricCalls: gepaMetricCalls, reflectionLM: lm, numThreads: 8)
        .optimize(Predict(TextToSql), trainset: trainset, valset: devset)
    : nil
if let gepa {
    print("candidates: \(gepa.candidates.count), metric calls: \(gepa.totalMetricCalls)")
    print("instruction chosen:", gepa.program.signature.instructions)
    display(gepa.chart(caption: "execution accuracy, \(scoredOn)"))
}

// %% [markdown]
// ## Summary
//
// Each program's score on the development rows, in one table.

// %%
let summary = ComparisonTable(columns: ["Program", "Execution accuracy (\(scoredOn))"], published: [])
summary.add(["zero-shot", "\(zeroShot.score)%"])
summary.add(["LabeledFewShot", "\(labeledScore.score)%"])
summary.add(["BootstrapFewShot", "\(bootstrappedScore.score)%"])
summary.add(["random search best", "\(searched.candidatePrograms[0].score)%"])
if let mipro { summary.add(["MIPROv2 (light)", "\(mipro.score)%"]) }
if let gepa { summary.add([gepaMetricCalls.map { "GEPA (\($0) metric calls)" } ?? "GEPA (light)", String(format: "%.1f%%", 100 * gepa.valAggregateScores[gepa.bestIndex])]) }
summary
