// ---
// jupyter:
//   kernelspec:
//     display_name: Swift (DSPy)
//     language: swift
//     name: swift-dspy
// ---

// %% [markdown]
// # Retrieval and agents: finding the schema, checking the query
//
// Two ways to give a model what it does not have in its prompt:
//
// - **retrieval-augmented generation** — look the missing knowledge up first. Here the question arrives
//   *without* its database schema; a real BM25 retriever (SQLite's FTS5) finds the relevant `CREATE TABLE`
//   statements in a small corpus this notebook writes, and a second hop fetches the tables the first ones
//   point to, so joins can be written;
// - **an agent** — let the model call tools. A `ReAct` agent gets a `run_sql` tool that runs queries on
//   the question's own database, so it can check its query before answering.
//
// It runs offline on the built-in model unless `SERVED_MODEL_URL` / `SERVED_MODEL_NAME` name a real server.

// %% tags=["parameters"]
let ragRows = 20   // join questions the schema-RAG program is scored on

// %%
import Foundation
import DSPy
import SQLToolkit
import SQLite

// The served model from SERVED_MODEL_URL / SERVED_MODEL_NAME, else the built-in offline model; DSPy's default LM.
let models = try ServedModels.configure(temperature: 0, maxTokens: 500)
let lm = models.served.lm
let servedName = models.served.name
models

// %% [markdown]
// ## A corpus of table schemas
//
// Every `CREATE TABLE` statement in the SQL toolkit's built-in sample becomes one document, tagged with
// its domain. They go into an SQLite file with an FTS5 full-text index, which ranks matches with BM25.

// %%
let examples = try SampleData.text2sql()

/// The CREATE TABLE statements of a context, by table name.
func createStatements(_ context: String) -> [(table: String, statement: String)] {
    context.split(separator: ";").compactMap { part in
        let statement = part.trimmingCharacters(in: .whitespacesAndNewlines)
        guard statement.uppercased().hasPrefix("CREATE TABLE") else { return nil }
        let name = statement.dropFirst("CREATE TABLE".count).trimmingCharacters(in: .whitespaces)
            .prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return (String(name), statement + ";")
    }
}

let corpusFile = FileManager.default.temporaryDirectory.appending(path: "schema-corpus-\(ProcessInfo.processInfo.processIdentifier).sqlite")
try? FileManager.default.removeItem(at: corpusFile)
let corpus = try Connection(.file(path: corpusFile.path))
try corpus.execute("CREATE VIRTUAL TABLE schemas USING fts5(domain, table_name, statement)")
var seen = Set<String>()
for example in examples {
    let domain = example.domain.pythonStr
    for (table, statement) in createStatements(example.sql_context.pythonStr) where seen.insert("\(domain)/\(table)").inserted {
        _ = try corpus.query("INSERT INTO schemas (domain, table_name, statement) VALUES (?, ?, ?)",
                             [.text(domain), .text(table), .text(statement)])
    }
}
print(try corpus.query("SELECT count(*) FROM schemas").rows[0][0], "schema documents in", corpusFile.lastPathComponent)

// %% [markdown]
// ## A BM25 retriever
//
// The library's `BM25` indexes the documents with FTS5, whose `bm25()` scores each one for the query's words;
// the top k come back.

// %%
let schemaSearch = try BM25(passages: corpus.query("SELECT domain, table_name, statement FROM schemas").rows.map { row in
    Passage(id: "\(row[0])/\(row[1])", text: row[2].description)
})

/// The k best-matching CREATE TABLE statements for `text`, best first.
func retrieve(_ text: String, k: Int) throws -> [String] {
    try schemaSearch.search(text, k: k).map(\.passage.text)
}

let question = examples[2].sql_prompt.pythonStr
print("QUESTION:", question)
for statement in try retrieve(question, k: 3) { print("-", statement.prefix(110)) }

// %% [markdown]
// ## Retrieval-augmented text-to-SQL, in one hop and in two
//
// The program retrieves schemas for the question and hands them to `ChainOfThought` as the context.
// The two-hop version then looks for the tables that the retrieved ones reference (a `city_id` column
// points to a cities table) and adds them. With a capable model, a `Predict` would write the second
// query; here it is derived from the schemas so that it works with the offline model too.

// %%
let TextToSql = Signature("Transform a natural language query into a SQL query.") {
    InputField("sql_prompt", desc: "Natural language query")
    InputField("sql_context", desc: "Context for the query")
    OutputField("sql", desc: "SQL query")
}

final class SchemaRAG: Module {
    let hops: Int
    let k: Int
    let write = ChainOfThought(TextToSql)

    init(hops: Int, k: Int = 2) {
        self.hops = hops
        self.k = k
        super.init()
    }

    required init() {
        hops = 1
        k = 2
        super.init()
    }

    /// The schemas for a question: BM25 on the question, then on the tables its results reference.
    func schemas(for question: String) throws -> [String] {
        var found = try retrieve(question, k: k)
        for _ in 1..<max(hops, 1) {
            let referenced = found.flatMap { statement in
                statement.split { !$0.isLetter && !$0.isNumber && $0 != "_" }
                    .filter { $0.hasSuffix("_id") }.map { String($0.dropLast(3)) }
            }
            for statement in try retrieve(referenced.joined(separator: " "), k: k) where !found.contains(statement) {
                found.append(statement)
            }
        }
        return found
    }

    override func forward(_ inputs: Example) throws -> Prediction {
        let context = try schemas(for: inputs.sql_prompt.pythonStr).joined(separator: " ")
        return try write(sql_prompt: inputs.sql_prompt, sql_context: .string(context))
    }
}

let answer = try SchemaRAG(hops: 2)(sql_prompt: .string(question))
print(answer.sql)

// %% [markdown]
// ## Did retrieval find the right tables?
//
// Recall: the share of each question's own tables that the retriever returned, over 40 questions with
// joins or subqueries, for one hop and for two.

// %%
let joinQuestions = examples.filter { createStatements($0.sql_context.pythonStr).count > 1 }.prefix(40)
func recall(_ program: SchemaRAG) throws -> Double {
    var hits = 0, total = 0
    for example in joinQuestions {
        let retrieved = try program.schemas(for: example.sql_prompt.pythonStr).joined(separator: " ")
        for (table, _) in createStatements(example.sql_context.pythonStr) {
            total += 1
            if retrieved.contains("CREATE TABLE \(table) ") || retrieved.contains("CREATE TABLE \(table)(") { hits += 1 }
        }
    }
    return 100 * Double(hits) / Double(max(total, 1))
}
print("tables found by BM25 (no model involved) for \(joinQuestions.count) join questions of the built-in sample:")
print("one hop:  \(String(format: "%.1f", try recall(SchemaRAG(hops: 1))))%")
print("two hops: \(String(format: "%.1f", try recall(SchemaRAG(hops: 2))))%")

// %% [markdown]
// And end to end: the retrieved-schema program's queries, run on each question's real database and
// compared with the gold query's result (execution accuracy), on 20 questions.

// %%
let ragDevset = Array(examples.filter { createStatements($0.sql_context.pythonStr).count > 1 }.suffix(ragRows))
let ragScore = try Evaluate(devset: ragDevset, metric: ExecutionAccuracy().metric, numThreads: 8, displayProgress: true)(SchemaRAG(hops: 2))
print("two-hop retrieval, then ChainOfThought: \(ragScore.score)% execution accuracy",
      "(model \(servedName), \(ragDevset.count) join questions of the built-in sample)")

// %% [markdown]
// ## A ReAct agent that checks its query
//
// `ReAct` alternates thoughts and tool calls until it calls `finish`, then extracts the answer from the
// trajectory. It gets two tools:
//
// - `run_sql`, a **tool from a Swift function**: its arguments are a `Codable` struct, whose property names,
//   types and descriptions become the tool's JSON schema; it runs SQL in the SQL toolkit's sandbox on the
//   question's own database and returns the rows or the error;
// - `check_sql`, an **MCP tool**: a small server on the official `mcp` Python package (which `./dev` installs in
//   the project's `.venv`; `MCP_PYTHON` names the interpreter, else `python3`), started over stdio, its tools
//   listed and turned into DSPy tools by `Tool.fromMCP`.
//
// Arguments are checked against each tool's schema before the call, as DSPy does; a failing, hanging (`timeout`)
// or dying tool becomes the step's observation. (The offline model does not plan: it calls each tool once, in
// order, with SQL it writes for the question, then finishes; a real model chooses.)

// %%
let agentExample = examples[3]

/// `run_sql`'s arguments: one query.
struct SQLQuery: Codable, SchemaDescribed {
    var query: String
    static let fieldDescriptions = ["query": "One SQLite statement."]
}
let runSQL = Tool("run_sql", desc: "Runs a SQL query on the question's database and returns the rows or the error.") { (args: SQLQuery) -> String in
    let result = try SQLSandbox(context: agentExample.sql_context.pythonStr).run(args.query)
    return ([result.columns.joined(separator: " | ")] + result.rows.prefix(10).map { row in
        row.map(\.description).joined(separator: " | ")
    }).joined(separator: "\n")
}

// The MCP server, written next to the corpus and started with a Python that has the `mcp` package. (Its lines
// are an array: the cell engine reads inferred types from a print-out that writes a multi-line string on one
// line, which the rest of the cell would not survive.)
let mcpServerFile = FileManager.default.temporaryDirectory.appending(path: "check-sql-server-\(ProcessInfo.processInfo.processIdentifier).py")
try [
    "import sqlite3",
    "from mcp.server.mcpserver import MCPServer",
    "server = MCPServer('check-sql')",
    "@server.tool(description='Says whether a text is one complete SQL statement: quotes, parentheses and comments closed.')",
    "def check_sql(query: str) -> str:",
    "    text = query.strip().rstrip(';')",
    "    return 'complete' if sqlite3.complete_statement(text + ';') else 'incomplete: something is left open'",
    "server.run('stdio')",
].joined(separator: "\n").write(to: mcpServerFile, atomically: true, encoding: .utf8)
let mcpServer = try MCPClient(command: ProcessInfo.processInfo.environment["MCP_PYTHON"] ?? "python3", arguments: [mcpServerFile.path])
let mcpTools = try Tool.fromMCP(mcpServer, timeout: 30)
print("MCP tools:", mcpTools.map(\.promptDescription))

let agent = ReAct(TextToSql, tools: [runSQL] + mcpTools, maxIters: 4)
let agentAnswer = try agent(sql_prompt: agentExample.sql_prompt, sql_context: agentExample.sql_context)
print("QUESTION:", agentExample.sql_prompt)
// The trajectory step by step: thought, tool call, observation.
let trajectory = agentAnswer.trajectory.objectValue ?? [:]
var step = 0
while trajectory["thought_\(step)"] != nil {
    for key in ["thought", "tool_name", "tool_args", "observation"].map({ "\($0)_\(step)" }) {
        print("\(key):", trajectory[key]?.pythonStr.prefix(160) ?? "")
    }
    step += 1
}
print("SQL:", agentAnswer.sql)
print("matches the gold result:", ExecutionAccuracy().verdict(agentExample, agentAnswer))

// %% [markdown]
// ## A typed output
//
// An output field can be any `Codable` type — a struct, an enum, an array of them. The prompt shows its type and
// JSON schema as DSPy does for the equivalent pydantic model, and the answer is read back as the Swift value; a
// reply that does not fit (say, an enum value not in the enum) is an error naming the field. Here the model judges
// the agent's query with an enum.

// %%
/// A verdict the model must pick.
enum Verdict: String, Codable, CaseIterable { case Yes, No }

let judgeSQL = ChainOfThought(Signature("Is the SQL a correct answer to the question on this database?") {
    InputField("sql_prompt")
    InputField("sql_context")
    InputField("sql")
    OutputField("correct", type: Verdict.self)
})
let judged = try judgeSQL(sql_prompt: agentExample.sql_prompt, sql_context: agentExample.sql_context, sql: agentAnswer.sql)
let verdict = try judged.value("correct", as: Verdict.self)
print("verdict:", verdict, "-", judged.reasoning.pythonStr.prefix(160))

// %%
mcpServer.close()
_ = try? FileManager.default.removeItem(at: mcpServerFile)
_ = try? FileManager.default.removeItem(at: corpusFile)
