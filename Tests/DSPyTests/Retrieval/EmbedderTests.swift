import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

@Suite struct EmbedderTests {
    @Test func batchesAndCachesUnderPythonsKey() throws {
        _ = try TestCache.directory()
        let server = try OpenAITestServer()
        let texts = (0..<5).map { "text \($0) \(UUID())" }
        let embedder = Embedder("openai/embed", apiBase: server.apiBase, apiKey: "k", batchSize: 2)
        let vectors = try embedder(texts)
        #expect(vectors.count == 5)
        #expect(vectors[0] == [Float(texts[0].count), Float(texts[0].unicodeScalars.map { Int($0.value) }.reduce(0, +) % 97), 1])
        #expect(try server.stats().requests == 3)  // batches of 2, 2, 1
        #expect(try server.stats().body["input"] as? [String] == [texts[4]])
        #expect(try embedder(texts) == vectors)
        #expect(try server.stats().requests == 3)  // every batch from the cache

        // DSPy 3.4.1 hashes the same request to the same key (so its cache and ours agree on entries).
        let python = try ReferencePython.run("""
            import json, sys, dspy
            request = {"caching": True, "positional_arg_0": "openai/embed", "positional_arg_1": json.loads(sys.argv[1]),
                       "_fn_identifier": "dspy.clients.embedding._cached_compute_embeddings"}
            print(dspy.cache.cache_key(request, ["api_key", "api_base", "base_url"]))
            """, arguments: [String(decoding: try JSONSerialization.data(withJSONObject: Array(texts[0..<2])), as: UTF8.self)])
        let fnName = try ReferencePython.run("""
            from dspy.clients.embedding import _cached_compute_embeddings as f
            print(f"{f.__module__}.{f.__qualname__}")
            """)
        #expect(fnName.trimmingCharacters(in: .whitespacesAndNewlines) == "dspy.clients.embedding._cached_compute_embeddings")
        let swiftKey = Cache.key(for: ["caching": true, "positional_arg_0": "openai/embed",
                                       "positional_arg_1": .array(texts[0..<2].map { .string($0) }),
                                       "_fn_identifier": "dspy.clients.embedding._cached_compute_embeddings"])
        #expect(python.trimmingCharacters(in: .whitespacesAndNewlines) == swiftKey)
    }

    @Test func aFailingServerNamesTheBatch() throws {
        let server = try OpenAITestServer()
        let embedder = Embedder("openai/embed-fail-after-1", apiBase: server.apiBase, batchSize: 2, caching: false, numRetries: 0)
        #expect {
            try embedder(["a", "b", "c", "d", "e"])
        } throws: { error in
            let error = error as! RetrievalError
            return error.kind == .embeddingFailed && error.message.contains("texts 2..<4 of 5")
                && error.message.contains("HTTP 500") && error.message.contains("The embedding model crashed")
        }
    }

    @Test func wrongShapesAreNamed() throws {
        let server = try OpenAITestServer()
        let mixed = Embedder("openai/embed-wrong-dim", apiBase: server.apiBase, caching: false)
        #expect { try mixed(["one", "two", "three"]) } throws: { error in
            let error = error as! RetrievalError
            return error.kind == .dimensionMismatch && error.message.contains("text 1 got a vector of 2 dimensions, the texts before it 3")
        }
        let short = Embedder("openai/embed-short", apiBase: server.apiBase, caching: false)
        #expect { try short(["one", "two"]) } throws: { error in
            (error as! RetrievalError).message.contains("2 texts gave 1 vectors")
        }
        let function = Embedder(batchSize: 2) { texts in texts.map { _ in [1, 2] } }
        #expect(try function(["a", "b", "c"]) == [[1, 2], [1, 2], [1, 2]])
    }

    @Test func knnFewShotTakesAnEmbedder() throws {
        let embedder = Embedder { texts in texts.map { [Float($0.count), 1] } }
        let trainset = ["aa", "aaaa", "aaaaaaaa"].map { Example(["question": .string($0), "answer": "x"]).withInputs(["question"]) }
        let knn = try KNN(k: 1, trainset: trainset, vectorizer: embedder)
        #expect(try knn(Example(["question": "aaaaaaa"])).map { $0["question"] } == ["aaaaaaaa"])
    }
}
