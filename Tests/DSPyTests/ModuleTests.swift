import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

final class TwoStep: Module {
    let steps = [Predict("question -> query"), Predict("query -> answer")]
    let extra: Predict? = Predict("a -> b")
    override func forward(_ inputs: Example) throws -> Prediction {
        let query = try steps[0](question: inputs.question).query
        return try steps[1](query: query)
    }
}

@Suite struct ModuleTests {
    @Test func predictorsInCollectionsAndOptionalsAreNamed() throws {
        #expect(TwoStep().namedPredictors().map(\.0) == ["steps[0]", "steps[1]", "extra"])
        #expect(Predict("a -> b").namedPredictors().map(\.0) == ["self"])
        #expect(TwoStep().namedSubModules().count == 4)
    }

    @Test func reactCallsSwiftToolsThenExtracts() throws {
        let weather = Tool("get_weather", desc: "Weather in a city.", args: ["city": .string]) { args in
            .string("Sunny in \(args["city"]!.pythonStr).")
        }
        let lm = DummyLM(completions: [
            "[[ ## next_thought ## ]]\nCheck it.\n[[ ## next_tool_name ## ]]\nget_weather\n[[ ## next_tool_args ## ]]\n{\"city\": \"Bogotá\"}\n[[ ## completed ## ]]",
            "[[ ## next_thought ## ]]\nDone.\n[[ ## next_tool_name ## ]]\nfinish\n[[ ## next_tool_args ## ]]\n{}\n[[ ## completed ## ]]",
            "[[ ## reasoning ## ]]\nIt is sunny.\n[[ ## answer ## ]]\nSunny\n[[ ## completed ## ]]",
        ])
        let agent = ReAct(try Signature("question -> answer"), tools: [weather], maxIters: 5)
        let pred = try context(lm: lm) { try agent(question: "Weather in Bogotá?") }
        #expect(pred.answer == "Sunny")
        #expect(pred.trajectory["observation_0"] == "Sunny in Bogotá.")
        #expect(pred.trajectory["tool_name_1"] == "finish")
        #expect(lm.calls.count == 3)
        let system = lm.calls[0].messages[0].content
        #expect(system.contains("(1) get_weather, whose description is <desc>Weather in a city.</desc>. It takes arguments {'city': {'type': 'string'}}."))
        #expect(system.contains("(2) finish, whose description is"))
        #expect(lm.calls[1].messages.last!.content.contains("[[ ## observation_0 ## ]]\nSunny in Bogotá."))
        #expect(agent.namedPredictors().map(\.0) == ["react", "extract.predict"])
    }

    @Test func bestOfNStopsAtTheThreshold() throws {
        let lm = DummyLM { index, _, config in
            #expect(config["rollout_id"] == .int(index))
            #expect(config["temperature"] == 1.0)
            return ["[[ ## answer ## ]]\n\(["long answer", "short", "x"][index])"]
        }
        let best = BestOfN(module: Predict("question -> answer"), n: 3, reward: { _, pred in
            pred.answer.pythonStr.split(separator: " ").count == 1 ? 1 : 0
        }, threshold: 1)
        let pred = try context(lm: lm) { try best(question: "?") }
        #expect(pred.answer == "short")
        #expect(lm.calls.count == 2)
    }

    @Test func refineAsksForAdviceAndPassesItAsAHint() throws {
        let lm = DummyLM { index, messages, _ in
            switch index {
            case 0: return ["[[ ## answer ## ]]\ntoo long answer"]
            case 1:
                #expect(messages[0].content.contains("`advice`"))
                return ["[[ ## discussion ## ]]\nToo long.\n[[ ## advice ## ]]\n{\"self\": \"Answer in one word.\"}"]
            default:
                #expect(messages.last!.content.contains("[[ ## hint_ ## ]]\nAnswer in one word."))
                return ["[[ ## answer ## ]]\nshort"]
            }
        }
        let refine = Refine(module: Predict("question -> answer"), n: 3, reward: { _, pred in
            pred.answer.pythonStr.split(separator: " ").count == 1 ? 1 : 0
        }, threshold: 1)
        let pred = try context(lm: lm) { try refine(question: "?") }
        #expect(pred.answer == "short")
        #expect(lm.calls.count == 3)
    }

    @Test func multiChainComparisonFormatsAttempts() throws {
        let lm = DummyLM(answers: [["rationale": "compare", "answer": "4"]])
        let compare = MultiChainComparison(try Signature("question -> answer"), m: 2)
        let attempts = [Prediction(["reasoning": "add\nmore", "answer": "4"]), Prediction(["reasoning": "guess", "answer": "5"])]
        let pred = try context(lm: lm) { try compare(completions: attempts, Example(["question": "2+2?"])) }
        #expect(pred.answer == "4")
        let request = lm.calls[0].messages.last!.content
        #expect(request.contains("[[ ## reasoning_attempt_1 ## ]]\n«I'm trying to add I'm not sure but my prediction is 4»"))
        #expect(throws: MultiChainComparisonError.wrongAttemptCount(expected: 2, got: 1)) {
            try compare(completions: [attempts[0]], Example(["question": "?"]))
        }
    }

    @Test func parallelRunsModulePairsInOrder() throws {
        let lm = DummyLM { _, messages, _ in ["[[ ## answer ## ]]\n" + messages.last!.content.split(separator: "\n")[1]] }
        let predict = Predict("question -> answer")
        let results = try context(lm: lm) {
            try Parallel(numThreads: 4)((0..<12).map { (predict, Example(["question": .string("q\($0)")]).withInputs("question")) })
        }
        #expect(results.map { $0?.answer.pythonStr } == (0..<12).map { "q\($0)" })
    }

    @Test func stateSavesAndLoadsInDSPyFormat() throws {
        let program = TwoStep()
        program.steps[0].demos = [Example(["question": "q", "query": "x", "augmented": true])]
        program.steps[1].signature = program.steps[1].signature.withInstructions("Answer tersely.")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dspy-core-state-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try program.save(to: path)
        let loaded = TwoStep()
        try loaded.load(from: path)
        #expect(loaded.steps[0].demos == program.steps[0].demos)
        #expect(loaded.steps[1].signature.instructions == "Answer tersely.")
        let state = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(state["steps[0]"]?["signature"]?["fields"]?.arrayValue?.count == 2)
        #expect(state["steps[0]"]?["demos"]?.arrayValue?.first?["augmented"] == true)
        #expect(throws: ModuleStateError.missingPredictor("steps[0]")) { try TwoStep().loadState([:]) }
    }
}
