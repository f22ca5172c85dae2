import DSPy
import DSPyTesting
import Foundation
import JSON
import Synchronization
import Testing

@Suite struct EmbeddingsTests {
    /// Deterministic vectors for texts "p0", "p1", …, and any other text (a query) hashed the same way.
    static func vector(_ text: String, dimension: Int = 37) -> [Float] {
        var random = PythonRandom(seed: text.unicodeScalars.reduce(7) { $0 &* 31 &+ Int($1.value) })
        return (0..<dimension).map { _ in Float(random.random() * 2 - 1) }
    }

    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("embeddings-\(UUID().uuidString).sqlite").path
    }

    @Test func topKMatchesPythonDSPyEmbeddings() throws {
        let corpus = (0..<300).map { "p\($0)" }
        let queries = (0..<5).map { "query \($0)" }
        let embedder = Embedder(batchSize: 64) { texts in texts.map { Self.vector($0) } }
        let index = try Embeddings(corpus: corpus, embedder: embedder, k: 7)
        let vectors = Dictionary(uniqueKeysWithValues: (corpus + queries).map { ($0, Self.vector($0).map(Double.init)) })
        let input = String(decoding: try JSONSerialization.data(withJSONObject: ["corpus": corpus, "queries": queries, "vectors": vectors]), as: UTF8.self)
        let python = try ReferencePython.run("""
            import json, sys, numpy as np, dspy
            data = json.loads(sys.stdin.read())
            embedder = dspy.Embedder(lambda texts: np.array([data["vectors"][t] for t in texts], dtype=np.float32))
            search = dspy.retrievers.Embeddings(corpus=data["corpus"], embedder=embedder, k=7)
            print(json.dumps([search(q).indices for q in data["queries"]]))
            """, input: input)
        let expected = try JSONSerialization.jsonObject(with: Data(python.utf8)) as! [[Int]]
        for (query, indices) in zip(queries, expected) {
            #expect(try index.search(query).map(\.index) == indices, "\(query)")
            #expect(try index(query)["indices"] == .array(indices.map { .int($0) }))
        }
    }

    @Test func persistsAndAddsIncrementally() throws {
        let calls = Mutex(0)
        let embedder = Embedder(batchSize: 10) { texts in
            calls.withLock { $0 += texts.count }
            return texts.map { Self.vector($0) }
        }
        let path = Self.temporaryFile()
        let first = (0..<25).map { Passage(id: "doc\($0)", title: "Title \($0)", text: "p\($0)") }
        let built = try Embeddings(passages: first, embedder: embedder, k: 3, path: path)
        let before = try built.search("some query")
        let reopened = try Embeddings.open(path: path, embedder: embedder, k: 3)
        #expect(reopened.count == 25 && reopened.dimension == 37)
        #expect(try reopened.search("some query") == before)
        #expect(calls.withLock { $0 } == 25 + 2)  // the corpus once, one query per search

        try reopened.add((25..<30).map { Passage(id: "doc\($0)", text: "p\($0)") })
        #expect(calls.withLock { $0 } == 27 + 5)  // only the new passages were embedded
        #expect(try Embeddings.open(path: path, embedder: embedder).count == 30)
        #expect(try reopened.search(vector: Self.vector("p29"), k: 1).first?.passage.id == "doc29")
        #expect(try reopened.search(vector: Self.vector("Title 7 | p7"), k: 1).first?.passage.id == "doc7")
    }

    @Test func badCorporaAreNamed() throws {
        let embedder = Embedder { texts in texts.map { Self.vector($0) } }
        #expect { try Embeddings(corpus: [], embedder: embedder) } throws: { ($0 as! RetrievalError).kind == .emptyCorpus }
        let twice = [Passage(id: "a", text: "x"), Passage(id: "b", text: "y"), Passage(id: "a", text: "z")]
        #expect { try Embeddings(passages: twice, embedder: embedder) } throws: { error in
            (error as! RetrievalError).message == "Embeddings: passages 0 and 2 share the id \"a\""
        }
        let index = try Embeddings(passages: [Passage(id: "a", text: "x")], embedder: embedder)
        #expect { try index.add([Passage(id: "a", text: "x2")]) } throws: { error in
            (error as! RetrievalError).kind == .duplicateID && "\(error)".contains("\"a\" is already in the index")
        }
        // Another embedder's vectors do not fit the index: named, and nothing is stored.
        let path = Self.temporaryFile()
        _ = try Embeddings(passages: [Passage(id: "a", text: "x")], embedder: embedder, path: path)
        let smaller = Embedder { texts in texts.map { Self.vector($0, dimension: 5) } }
        let reopened = try Embeddings.open(path: path, embedder: smaller)
        #expect { try reopened.add([Passage(id: "b", text: "y")]) } throws: { error in
            (error as! RetrievalError).message.contains("passage \"b\" a vector of 5 dimensions; the index \(path) holds 37")
        }
        #expect { try reopened.search("q") } throws: { ($0 as! RetrievalError).kind == .dimensionMismatch }
        #expect { try Embeddings(passages: [Passage(id: "c", text: "z")], embedder: embedder, path: path) } throws: { error in
            (error as! RetrievalError).message.contains("already complete")
        }
    }

    @Test func aBuildStoppedMidBatchNeverLooksCompleteAndResumes() throws {
        let path = Self.temporaryFile()
        let passages = (0..<5).map { Passage(id: "doc\($0)", text: "passage number \($0)") }
        do {
            let server = try OpenAITestServer()
            let failing = Embedder("openai/embed-fail-after-1", apiBase: server.apiBase, batchSize: 2, caching: false, numRetries: 0)
            #expect { try Embeddings(passages: passages, embedder: failing, path: path) } throws: { error in
                let error = error as! RetrievalError
                return error.kind == .embeddingFailed && error.message.contains("texts 2..<4 of 5")
            }
            #expect { try Embeddings.open(path: path, embedder: failing) } throws: { error in
                let error = error as! RetrievalError
                return error.kind == .incompleteIndex && error.message.contains("stopped after 2 passages")
            }
        }
        // A new server (its failure counter at 0) lets one more request through: the three missing passages.
        let server = try OpenAITestServer()
        let resumed = Embedder("openai/embed-fail-after-1", apiBase: server.apiBase, batchSize: 3, caching: false, numRetries: 0)
        let index = try Embeddings(passages: passages, embedder: resumed, path: path)
        #expect(index.count == 5)
        #expect(try server.stats().body["input"] as? [String] == passages[2...].map(\.text))
        #expect(try Embeddings.open(path: path, embedder: resumed).passages == passages)
    }
}
