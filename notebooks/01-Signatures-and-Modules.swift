// ---
// jupyter:
//   kernelspec:
//     display_name: Swift (DSPy)
//     language: swift
//     name: swift-dspy
// ---

// %% [markdown]
// # Signatures, modules and what the prompt looks like
//
// DSPy separates *what* a step should do (a **signature**: named inputs and outputs with short
// descriptions) from *how* it asks a model (a **module** such as `Predict` or `ChainOfThought`, and an
// **adapter** that turns both into a prompt). This notebook builds one text-to-SQL step three ways and
// looks at the prompt each one sends.
//
// It runs offline: unless `SERVED_MODEL_URL` (and `SERVED_MODEL_NAME`) name a real OpenAI-compatible
// server, the project's built-in offline text-to-SQL model is started on 127.0.0.1.

// %% [markdown]
// ## The model
//
// One call reads the served model from the environment (or starts the offline one) and makes it DSPy's default
// LM, as `dspy.configure(lm=dspy.LM(...))` does in Python.

// %%
import Foundation
import DSPy
import SQLToolkit

// The served model from SERVED_MODEL_URL / SERVED_MODEL_NAME, else the built-in offline model; DSPy's default LM.
let models = try ServedModels.configure(temperature: 0, maxTokens: 500)
let lm = models.served.lm
models

// %% [markdown]
// ## The first line
//
// A module from a string signature — inputs, an arrow, outputs — as in Python's
// `dspy.Predict("question -> answer")`. A signature written as a literal needs no `try` (a malformed one
// stops the cell with the reason); one computed at run time goes through `try Predict(text)`, which throws.

// %%
let qa = Predict("question -> answer")
qa

// %% [markdown]
// ## Signatures
//
// The signature on its own: DSPy derives default instructions and field prefixes from the names.

// %%
let quick = try Signature("sql_prompt, sql_context -> sql")
print(quick.signature)
print(quick.instructions)
print(quick.inputFields.map(\.name), quick.outputFields.map(\.name))

// %% [markdown]
// The builder form adds instructions and a description per field; the descriptions end up in the prompt.

// %%
let TextToSql = Signature("Transform a natural language query into a SQL query.") {
    InputField("sql_prompt", desc: "Natural language query")
    InputField("sql_context", desc: "Context for the query")
    OutputField("sql", desc: "SQL query")
}
for field in TextToSql.fields {
    print(field.name, "—", field.desc)
}

// %% [markdown]
// ## Examples and predictions
//
// Data is a list of `Example`s: named fields, some marked as inputs. The SQL toolkit ships a small
// built-in set in the fields of `gretelai/synthetic_text_to_sql`.

// %%
let examples = try SampleData.text2sql()
let example = examples[0]
print("inputs:", try example.inputs().keys())
print("labels:", try example.labels().keys())
print("QUESTION:", example.sql_prompt)
print("GOLD SQL:", example.sql)

// %% [markdown]
// ## `Predict`
//
// `Predict` formats the signature and the inputs with the adapter (`ChatAdapter` by default), calls the
// model once and parses the fields out of the reply. Keyword arguments name the inputs; the prediction's
// fields are read as properties, and a cell that ends with a prediction shows all of its fields.

// %%
let predict = Predict(TextToSql)
let prediction = try predict(sql_prompt: example.sql_prompt, sql_context: example.sql_context)
print(prediction.sql)  // one field
prediction             // all of them

// %% [markdown]
// The prompt DSPy sent: a system message describing the fields and the `[[ ## field ## ]]` layout, then
// the inputs in that layout.

// %%
inspectHistory(n: 1)

// %% [markdown]
// ## `ChainOfThought`
//
// The same signature with a `reasoning` output put before the others: the model is asked to think
// first. Only the signature changes; the module is a thin wrapper over `Predict`.

// %%
let chainOfThought = ChainOfThought(TextToSql)
let reasoned = try chainOfThought(sql_prompt: example.sql_prompt, sql_context: example.sql_context)
reasoned

// %% [markdown]
// Its prompt asks for `reasoning` first:

// %%
inspectHistory(n: 1)

// %% [markdown]
// ## Another adapter
//
// The study ran DSPy 2.4, whose prompt was one block of text ("Follow the following format." and
// `Field: description` lines). `LegacyTextAdapter` writes that layout; `context(adapter:)` swaps it in for
// the calls inside the block only.

// %%
let legacy = try context(adapter: LegacyTextAdapter()) {
    try predict(sql_prompt: example.sql_prompt, sql_context: example.sql_context)
}
print(legacy.sql)
inspectHistory(n: 1)

// %% [markdown]
// ## Your own module
//
// A module is a class whose `forward` composes other modules and plain code. This one writes a query,
// runs it in the SQL toolkit's sandbox on the example's own database, and asks once more, with the error
// in the question, when the query does not run.

// %%
final class CheckedTextToSql: Module {
    let write = ChainOfThought(TextToSql)

    override func forward(_ inputs: Example) throws -> Prediction {
        let first = try write(sql_prompt: inputs.sql_prompt, sql_context: inputs.sql_context)
        let sandbox = try SQLSandbox(context: inputs.sql_context.pythonStr)
        do {
            _ = try sandbox.run(first.sql.pythonStr)
            return first
        } catch {
            let retry = "\(inputs.sql_prompt.pythonStr) (An earlier query failed with: \(error))"
            return try write(sql_prompt: .string(retry), sql_context: inputs.sql_context)
        }
    }
}

let checked = CheckedTextToSql()
let checkedPrediction = try checked(sql_prompt: example.sql_prompt, sql_context: example.sql_context)
print(checkedPrediction.sql)
print("predictors:", checked.namedPredictors().map(\.0))

// %% [markdown]
// Running the query shows what it returns on the example's database.

// %%
let result = try SQLSandbox(context: example.sql_context.pythonStr).run(checkedPrediction.sql.pythonStr)
print(result.columns)
for row in result.rows.prefix(5) { print(row) }
