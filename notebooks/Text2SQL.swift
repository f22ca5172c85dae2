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
// for the evaluator, `COMPARISON_MODEL_URL` / `COMPARISON_MODEL_NAME` for the baseline model, and
// `OPENAI_API_KEY` where an endpoint needs it. Without them the project's **built-in offline text-to-SQL
// model** is started (`swift-dspy serve --port 0`) and plays every role, so the notebook runs anywhere —
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

// %% [markdown]
// ## 1. Imports and API keys
//
// DSPy and the SQL toolkit are already loaded in the kernel; importing them makes their names visible.
// Keys come from the environment, never from the notebook.

// %%
import Foundation
import DSPy
import SQLToolkit

let environment = ProcessInfo.processInfo.environment
let openAIKey = environment["OPENAI_API_KEY"]
print("OPENAI_API_KEY is", openAIKey == nil ? "not set" : "set")
