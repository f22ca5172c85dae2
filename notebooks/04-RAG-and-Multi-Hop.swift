// ---
// jupyter:
//   kernelspec:
//     display_name: Swift (DSPy)
//     language: swift
//     name: swift-dspy
// ---

// %% [markdown]
// # Retrieval-augmented generation and multi-hop search over SQLite's documentation
//
// A model answers questions about a corpus it has never seen by **retrieving** passages first and answering
// from them. This notebook builds that step by step over a real corpus — SQLite's own documentation (the
// Debian package `sqlite3-doc`, HTML split into passages by the library's `HTMLCorpus`):
//
// 1. two retrievers side by side: BM25 (SQLite's FTS5) and dense embeddings (`Embedder` + `Embeddings`);
// 2. RAG with citations: the answer names the passages it used;
// 3. a Baleen-style multi-hop program that writes follow-up searches from what it has read so far;
// 4. evaluation with DSPy's `SemanticF1` (a model judges recall and precision against a reference answer);
// 5. compiling the RAG program with `BootstrapFewShot`.
//
// It runs offline on the built-in model and the built-in embedding model unless `SERVED_MODEL_URL` /
// `SERVED_MODEL_NAME` (and `EMBEDDING_MODEL_URL` / `EMBEDDING_MODEL_NAME`) name real servers. The offline
// model only *reads extractively* (it answers with the passage sentence sharing most words with the question
// and grades by word overlap): the numbers below show the machinery, not a model's understanding.

// %% tags=["parameters"]
let exampleRows = 6   // questions in the training set and, separately, in the development set

// %%
import Foundation
import DSPy

// The served model (`SERVED_MODEL_URL`/`_NAME`) and the embedding model (`EMBEDDING_MODEL_URL`/`_NAME`), each the
// built-in offline model's when unset; its server also answers `/v1/embeddings`.
let models = try ServedModels.configure(temperature: 0, maxTokens: 500)
let lm = models.served.lm
let embedder = try models.embedder()
models

// %% [markdown]
// ## The corpus: SQLite's documentation, split into passages
//
// Each page is cut at its headings (and at the terms of definition lists, such as one SQL function each),
// then into passages of at most 120 words. A passage's id is its file and section anchor; its title is
// the page title and the heading.

// %%
// Debian's sqlite3-doc (./dev installs it); a folder without .html files stops the cell naming it.
let docsFolder = ProcessInfo.processInfo.environment["SQLITE_DOCS"] ?? "/usr/share/doc/sqlite3"
let passages = try HTMLCorpus.load(directory: docsFolder)
print(passages.count, "passages from", Set(passages.map { $0.id.split(separator: "#")[0] }).count, "pages in", docsFolder)
let sample = passages.first { $0.id.hasPrefix("lang_vacuum.html") }!
print(sample.id, "—", sample.title ?? "")
print(sample.text.prefix(300))

// %% [markdown]
// ## Two retrievers
//
// **BM25** ranks passages by the query's words, weighting rare words more (SQLite's FTS5 `bm25()`).
// **Embeddings** embeds every passage once (in batches, cached on disk like LM calls) and ranks by the cosine
// of the query's vector with each passage's — exactly, with SIMD dot products over all of them. Its index is
// an SQLite file: reopening it embeds nothing.

// %%
let bm25 = try BM25(passages: passages, k: 3)
let indexFile = FileManager.default.temporaryDirectory
    .appending(path: "sqlite-docs-\(ProcessInfo.processInfo.processIdentifier).embeddings.sqlite").path
try? FileManager.default.removeItem(atPath: indexFile)
var started = Date()
let built = try Embeddings(passages: passages, embedder: embedder, k: 3, path: indexFile)
print("embedded and indexed \(built.count) passages (\(built.dimension ?? 0) dimensions) in",
      String(format: "%.1f s", Date().timeIntervalSince(started)))
started = Date()
let dense = try Embeddings.open(path: indexFile, embedder: embedder, k: 3)
print("reopened the index in", String(format: "%.2f s", Date().timeIntervalSince(started)))

let question = "How do I make an index that rejects duplicate entries?"
print("QUESTION:", question)
let retrievers: [(String, any Retriever)] = [("BM25", bm25), ("Embeddings", dense)]
for (name, retriever) in retrievers {
    print("\n\(name):")
    for hit in try retriever.search(question, k: 3) {
        print(String(format: "  %7.3f", hit.score), hit.passage.id, "—", hit.passage.text.prefix(90))
    }
}

// %% [markdown]
// ## RAG with citations
//
// The program retrieves `k` passages and hands them to `ChainOfThought` as a numbered list; the
// instructions ask for the numbers of the passages used, so every answer can be traced to its sources.

// %%
let AnswerWithCitations = Signature("Answer the question from the context. Cite the passages you used by their number, like [2].") {
    InputField("context", desc: "numbered passages from SQLite's documentation", type: .list(.string))
    InputField("question")
    OutputField("answer", desc: "a short answer, citing passages as [n]")
}

/// The ids of the passages an answer cites as `[n]`.
func citedIDs(_ answer: String, _ context: [Passage]) -> [String] {
    answer.split(separator: "[").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        .filter { (1...context.count).contains($0) }.map { context[$0 - 1].id }
}

final class RAG: Module {
    let respond = ChainOfThought(AnswerWithCitations)
    let k = 3

    override func forward(_ inputs: Example) throws -> Prediction {
        let question = inputs.question.pythonStr
        let context = try dense.search(question, k: k).map(\.passage)
        var prediction = try respond(context: .array(context.map { .string($0.longText) }), question: .string(question))
        prediction["response"] = prediction.answer
        prediction["cited"] = .array(citedIDs(prediction.answer.pythonStr, context).map { .string($0) })
        return prediction
    }
}

let rag = RAG()
let ragAnswer = try rag(question: .string(question))
print("ANSWER:", ragAnswer.answer)
print("CITED:", ragAnswer.cited)

// %% [markdown]
// ## Multi-hop search, Baleen style
//
// One search is often not enough: the passages found first mention what to look up next. At each hop the
// program writes a **follow-up search** from the question and the passages gathered so far, retrieves for it,
// and adds the new passages (without repeats); after the last hop it answers from all of them.

// %%
let WriteSearch = Signature("Write a search for what the context does not yet answer about the question.") {
    InputField("context", desc: "passages found so far", type: .list(.string))
    InputField("question")
    OutputField("follow_up_search", desc: "a short search for the missing information")
}

final class MultiHop: Module {
    let writeSearch = ChainOfThought(WriteSearch)
    let respond = ChainOfThought(AnswerWithCitations)
    let hops = 2
    let k = 2

    override func forward(_ inputs: Example) throws -> Prediction {
        let question = inputs.question.pythonStr
        var context = try dense.search(question, k: k).map(\.passage)
        var searches: [JSONValue] = []
        for _ in 0..<hops {
            let search = try writeSearch(context: .array(context.map { .string($0.longText) }), question: .string(question))
            searches.append(search.follow_up_search)
            for hit in try dense.search(search.follow_up_search.pythonStr, k: k) where !context.contains(hit.passage) {
                context.append(hit.passage)
            }
        }
        var prediction = try respond(context: .array(context.map { .string($0.longText) }), question: .string(question))
        prediction["response"] = prediction.answer
        prediction["searches"] = .array(searches)
        prediction["cited"] = .array(citedIDs(prediction.answer.pythonStr, context).map { .string($0) })
        return prediction
    }
}

let multiHop = MultiHop()
let hopAnswer = try multiHop(question: "Which journal mode lets readers and a writer work at the same time, and how is it turned on?")
for (hop, search) in (hopAnswer.searches.arrayValue ?? []).enumerated() { print("hop \(hop + 1) search:", search) }
print("ANSWER:", hopAnswer.answer)
print("CITED:", hopAnswer.cited)

// %% [markdown]
// ## Evaluation with `SemanticF1`
//
// Twelve questions about SQLite with reference answers written from its documentation: six to train on, six
// to evaluate. `SemanticF1` asks a model (here the served one) for the recall and precision of a response
// against the reference, and scores their F1 — its prompt is DSPy's, byte for byte.

// %%
let qa: [(String, String)] = [
    ("What does the VACUUM command do?", "VACUUM rebuilds the database file, repacking it into a minimal amount of disk space."),
    ("What does the UNIQUE keyword do in CREATE INDEX?", "It makes the index unique: duplicate entries are not allowed and inserting one is an error."),
    ("What does the ATTACH DATABASE statement do?", "It adds another database file to the current database connection under a schema name."),
    ("What does the coalesce() function return?", "A copy of its first non-NULL argument, or NULL if all of its arguments are NULL."),
    ("What does the typeof(X) function return?", "A string naming the datatype of X: null, integer, real, text or blob."),
    ("What does EXPLAIN QUERY PLAN show?", "A high-level description of the strategy or plan that SQLite uses to run a query."),
    ("What is a WITHOUT ROWID table?", "A table without a rowid, whose PRIMARY KEY is the key of the B-tree that stores it."),
    ("What does AUTOINCREMENT change for an INTEGER PRIMARY KEY?", "It stops SQLite from reusing the rowid of deleted rows; it is usually not needed."),
    ("What does PRAGMA foreign_keys do?", "It queries, sets or clears the enforcement of foreign key constraints."),
    ("What does the length(X) function return for a string?", "The number of characters in X before its first NUL character."),
    ("What is write-ahead logging (WAL) in SQLite?", "A journal mode where changes are appended to a WAL file, so readers do not block the writer and the writer does not block readers."),
    ("What does the REINDEX command do?", "It deletes and recreates indexes from scratch."),
]
let examples = qa.map { Example(["question": .string($0.0), "response": .string($0.1)]).withInputs("question") }
let trainset = Array(examples.prefix(exampleRows)), devset = Array(examples.suffix(exampleRows))
let semanticF1 = SemanticF1(decompositional: false)
print("SemanticF1 judged by \(models.served.label), on \(devset.count) rows of the notebook's SQLite questions:")
let ragScore = try Evaluate(devset: devset, metric: semanticF1.metric, numThreads: 4, displayProgress: true)(rag)
let hopScore = try Evaluate(devset: devset, metric: semanticF1.metric, numThreads: 4, displayProgress: true)(multiHop)
print(String(format: "RAG: %.1f%%   multi-hop: %.1f%%", ragScore.score, hopScore.score))

// %% [markdown]
// ## Compiling the RAG program with `BootstrapFewShot`
//
// The optimizer runs the program on the training questions, keeps the runs that `SemanticF1` passes (F1 ≥ 0.66
// while bootstrapping) and puts them into the prompt as demonstrations; then the compiled program is evaluated
// on the same six held-out questions.

// %%
let optimizer = BootstrapFewShot(metric: semanticF1.metric, maxBootstrappedDemos: 2, maxLabeledDemos: 0)
let compiledRAG = try optimizer.compile(RAG(), trainset: trainset)
print("demos in the compiled prompt:", compiledRAG.respond.predict.demos.count)
print("SemanticF1 judged by \(models.served.label), on \(devset.count) rows of the notebook's SQLite questions:")
let compiledScore = try Evaluate(devset: devset, metric: semanticF1.metric, numThreads: 4, displayProgress: true)(compiledRAG)
print(String(format: "RAG before: %.1f%%   after BootstrapFewShot: %.1f%%", ragScore.score, compiledScore.score))

// %%
try? FileManager.default.removeItem(atPath: indexFile)
