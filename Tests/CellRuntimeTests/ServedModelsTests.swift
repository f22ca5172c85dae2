import CellRuntime
import DSPy
import Testing

/// The models a notebook talks to, from the environment in one call; the offline model when none is configured.
@Suite(.serialized) struct ServedModelsTests {
    @Test func endpointsComeFromTheEnvironmentAndTheServedOneBecomesTheDefaultLM() throws {
        let models = try ServedModels.configure(
            temperature: 0, maxTokens: 500, stop: ["\n\n"], n: 1,
            defaultNames: ["JUDGE_MODEL": "gpt-4-0125-preview"],
            environment: ["SERVED_MODEL_URL": "http://127.0.0.1:9/v1", "SERVED_MODEL_NAME": "starling",
                          "JUDGE_MODEL_URL": "http://127.0.0.1:10/v1", "OPENAI_API_KEY": "sk-test"])
        #expect(models.offlineServer == nil)
        #expect(models.served.name == "starling" && models.served.url == "http://127.0.0.1:9/v1")
        #expect(models.served.label == "starling" && !models.served.isOffline)
        #expect(models.judge.name == "gpt-4-0125-preview" && models.judge.url == "http://127.0.0.1:10/v1")
        #expect(models.comparison == nil)
        #expect(models.served.lm.model == "openai/starling" && models.served.lm.apiBase == "http://127.0.0.1:9/v1")
        #expect(models.served.lm.kwargs["temperature"] == 0.0 && models.served.lm.kwargs["max_tokens"] == 500)
        #expect(models.judge.lm.kwargs["stop"] == ["\n\n"] && models.judge.lm.kwargs["n"] == 1)
        #expect((Settings.current.lm as? LM) === models.served.lm)
        let text = models.mimeBundle["text/plain"]?.stringValue ?? ""
        #expect(text == """
            served model: starling at http://127.0.0.1:9/v1
            evaluator:    gpt-4-0125-preview at http://127.0.0.1:10/v1
            comparison:   none configured
            """)
    }

    @Test func severalCommaSeparatedURLsAreReplicasOfOneModel() throws {
        let models = try ServedModels.configure(environment: [
            "SERVED_MODEL_URL": "http://127.0.0.1:9/v1, http://127.0.0.1:10/v1/,", "SERVED_MODEL_NAME": "qwen"])
        #expect(models.served.lm.apiBases == ["http://127.0.0.1:9/v1", "http://127.0.0.1:10/v1"])
        #expect(models.served.lm.apiBase == "http://127.0.0.1:9/v1")
    }

    @Test func withoutAServedModelTheOfflineModelPlaysEveryRole() throws {
        let models = try ServedModels.configure(temperature: 0, maxTokens: 500,
                                                environment: ["COMPARISON_MODEL_URL": "http://127.0.0.1:11/v1"])
        defer { models.stop() }
        #expect(models.offlineServer != nil && models.served.isOffline)
        #expect(models.served.label == "offline model" && models.served.name == ServedModel.offlineName)
        #expect(models.judge.lm === models.served.lm)
        #expect(models.comparison?.name == "model" && models.comparison?.url == "http://127.0.0.1:11/v1")
        let answer = try models.served.lm("What is the capital of Colombia?", config: ["cache": false])
        #expect(answer.first?.contains("offline-text2sql") == true, "\(answer)")
        #expect(models.mimeBundle["text/html"]?.stringValue?.contains("<b>Models</b>") == true)
    }

    @Test func runningTheCellsAgainReusesTheOfflineServerAndItServesEmbeddings() throws {
        let first = try ServedModels.configure(environment: [:])
        let again = try ServedModels.configure(environment: [:])
        #expect(first.offlineServer === again.offlineServer)
        let vectors = try again.embedder()(["SELECT", "the sum of a column"])
        #expect(vectors.count == 2 && vectors[0].count > 0 && vectors[0] != vectors[1])
        again.stop()
        let restarted = try ServedModels.configure(environment: [:])
        defer { restarted.stop() }
        #expect(restarted.offlineServer !== first.offlineServer)
        #expect(try restarted.served.lm("What is 1?", config: ["cache": false]).first?.contains("offline-text2sql") == true)
        let named = try ServedModels.configure(environment: ["SERVED_MODEL_URL": "http://127.0.0.1:9/v1",
                                                             "EMBEDDING_MODEL_URL": "http://127.0.0.1:12/v1",
                                                             "EMBEDDING_MODEL_NAME": "nomic-embed"]).embedder()
        #expect(named.model == "openai/nomic-embed" && named.apiBase == "http://127.0.0.1:12/v1")
    }
}
