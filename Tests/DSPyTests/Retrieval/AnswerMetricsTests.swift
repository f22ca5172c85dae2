import DSPy
import DSPyTesting
import Foundation
import JSON
import Testing

/// The answer metrics and SemanticF1 against Python DSPy 3.4.1, run live from the venv.
@Suite struct AnswerMetricsTests {
    static let cases: [(answer: JSONValue, predicted: String, context: [String])] = [
        ("Eiffel Tower", "The Eiffel Tower!", ["The Eiffel Tower is in Paris."]),
        (["Eiffel Tower", "Louvre"], "the louvre", ["Paris has the Louvre museum"]),
        ("Paris", "Paris, France", ["It is in Lyon."]),
        ("Crème brûlée", "creme brulee", ["A crème brûlée, served cold."]),
        ("an apple a day", "apple day", ["Eat an apple-a-day"]),
        ("the×end", "×end", ["at the×end"]),
        ("2,048", "2048", ["up to 2048 pages"]),
        ("New York", "new york city", ["NewYork"]),
        ("", "", [""]),
    ]

    @Test func matchPythonDSPy() throws {
        let input = JSONValue.array(Self.cases.map { ["answer": $0.answer, "predicted": .string($0.predicted),
                                                      "context": .array($0.context.map { .string($0) })] }).serialized()
        let output = try ReferencePython.run("""
            import json, sys, dspy
            from dspy.evaluate.metrics import answer_exact_match, answer_passage_match
            rows = []
            for case in json.loads(sys.stdin.read()):
                example = dspy.Example(answer=case["answer"])
                pred = dspy.Prediction(answer=case["predicted"], context=case["context"])
                rows.append([answer_exact_match(example, pred), answer_exact_match(example, pred, frac=0.5),
                             answer_passage_match(example, pred)])
            print(json.dumps(rows))
            """, input: input)
        // DSPy prints a note for the empty case on stdout; the scores are the last line.
        let last = output.split(separator: "\n").last.map(String.init) ?? ""
        let expected = try JSONValue(parsing: Data(last.utf8)).arrayValue!
        for (row, reference) in zip(Self.cases, expected) {
            let example = Example(["answer": row.answer])
            let prediction = Prediction(["answer": .string(row.predicted), "context": .array(row.context.map { .string($0) })])
            let swift: JSONValue = [.bool(try answerExactMatch(example, prediction)), .bool(try answerExactMatch(example, prediction, frac: 0.5)),
                                    .bool(try answerPassageMatch(example, prediction))]
            #expect(swift == reference, "\(row)")
        }
        #expect { try answerExactMatch(Example(["answer": 3]), Prediction(["answer": "3"])) } throws: { error in
            "\(error)".hasPrefix("Invalid answer type: 3")
        }
    }

    @Test(arguments: [false, true]) func semanticF1PromptAndScoreMatchPythonDSPy(decompositional: Bool) throws {
        let inputs: [String: JSONValue] = ["question": "What does VACUUM do?", "ground_truth": "It rebuilds the database file.",
                                           "system_response": "VACUUM rebuilds the file, reclaiming space."]
        let output = try ReferencePython.run("""
            import json, sys, dspy
            from dspy.evaluate import SemanticF1
            metric = SemanticF1(decompositional=sys.argv[1] == "true")
            inputs = json.loads(sys.stdin.read())
            messages = dspy.ChatAdapter().format(metric.module.predict.signature, demos=[], inputs=inputs)
            answers = {"reasoning": "r", "ground_truth_key_ideas": "g", "system_response_key_ideas": "s", "discussion": "d",
                       "recall": 0.5, "precision": 1.0}
            with dspy.context(lm=dspy.utils.DummyLM([answers])):
                example = dspy.Example(question=inputs["question"], response=inputs["ground_truth"])
                score = metric(example, dspy.Prediction(response=inputs["system_response"])).score
            with dspy.context(lm=dspy.utils.DummyLM([answers])):
                passed = metric(example, dspy.Prediction(response=inputs["system_response"]), trace=[]).score
            print(json.dumps({"messages": messages, "score": score, "passed": passed}))
            """, arguments: [String(decompositional)], input: JSONValue.object(inputs).serialized())
        let expected = try JSONValue(parsing: Data(output.utf8))
        let metric = SemanticF1(decompositional: decompositional)
        let messages = ChatAdapter().format(metric.module.predict.signature, demos: [], inputs: inputs)
        #expect(messages.map { JSONValue.object(["role": .string($0.role), "content": .string($0.content)]) } == expected["messages"]!.arrayValue!)

        let answers: [String: JSONValue] = ["reasoning": "r", "ground_truth_key_ideas": "g", "system_response_key_ideas": "s",
                                            "discussion": "d", "recall": 0.5, "precision": 1.0]
        let example = Example(["question": inputs["question"]!, "response": inputs["ground_truth"]!])
        let prediction = Prediction(["response": inputs["system_response"]!])
        let score = try context(lm: DummyLM(answers: [answers])) { try metric(example, prediction)["score"] }
        #expect(score == expected["score"])
        let passed = try context(lm: DummyLM(answers: [answers])) { try metric(example, prediction, trace: [])["score"] }
        #expect(passed == expected["passed"])
        #expect(try context(lm: DummyLM(answers: [answers])) { try metric.metric(example, prediction) } == 2.0 / 3.0)
    }
}
