import Foundation
import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// Evaluate and the optimizers on scripted models: scores, progress, tables and the errors bad input gets.
@Suite(.serialized) struct EvaluateTests {
    /// Answers `answer: <n>` where n is the number in the question when it is even, else n + 1.
    static let model = DummyLM { _, messages, _ in
        let last = messages.last?.content ?? ""
        let number = last.split(separator: "\n").first { $0.hasPrefix("What is ") }
            .flatMap { Int($0.dropFirst("What is ".count).prefix { $0.isNumber }) } ?? 0
        return [DummyLM.chatCompletion(["reasoning": "r", "answer": .string(String(number % 2 == 0 ? number : number + 1))])]
    }

    static func examples(_ count: Int) -> [Example] {
        (0..<count).map { Example(["question": .string("What is \($0)?"), "answer": .string(String($0))]).withInputs("question") }
    }

    @Test func scoresProgressAndTable() throws {
        let evaluate = Evaluate(devset: Self.examples(25), metric: Metric(name: "exact", Arithmetic.exactMatch),
                                numThreads: 5, displayProgress: true, displayTable: 3)
        let (result, recorder) = try RecordingPresenter.recording { recorder in
            (try context(lm: Self.model) { try evaluate(ArithmeticProgram()) }, recorder)
        }
        #expect(result.score == 52.0)  // 13 even numbers in 0..<25
        #expect(result.results.count == 25)
        #expect(recorder.logged == ["Average Metric: 13 / 25 (52.0%)"])
        let last = try #require(recorder.progressUpdates.last)
        #expect(last.description == "Average Metric: 13.00 / 25 (52.0%)")
        #expect(last.line().contains("25/25"))
        let table = try #require(recorder.shownTables.first)
        #expect(table.columns == ["question", "example_answer", "reasoning", "pred_answer", "exact"])
        #expect(table.rows.count == 3 && table.omittedRows == 22)
        #expect(table.rows[0] == ["What is 0?", "0", "r", "0", "✔️ [True]"])
        #expect(table.html.contains("<th>pred_answer</th>"))
    }

    @Test func emptyDevsetIsAnError() {
        #expect(throws: EvaluateError.self) {
            try Evaluate(devset: [], metric: Metric(Arithmetic.exactMatch))(ArithmeticProgram())
        }
    }

    struct MetricFailure: Error {}

    @Test func throwingMetricCountsAsFailureThenStops() throws {
        let flaky = Metric(name: "flaky") { example, _, _ -> Double in
            if example.question == "What is 3?" { throw MetricFailure() }
            return 1
        }
        let result = try RecordingPresenter.recording { _ in
            try context(lm: Self.model) {
                try Evaluate(devset: Self.examples(6), metric: flaky, numThreads: 2, failureScore: 0)(ArithmeticProgram())
            }
        }
        #expect(result.score == 83.33)  // 5 / 6
        #expect(result.results[3].error != nil)

        let always = Metric(name: "broken") { _, _, _ -> Double in throw MetricFailure() }
        do {
            _ = try RecordingPresenter.recording { _ in
                try context(lm: Self.model) {
                    try Evaluate(devset: Self.examples(20), metric: always, numThreads: 1, maxErrors: 3)(ArithmeticProgram())
                }
            }
            Issue.record("expected an error")
        } catch let error as EvaluateError {
            guard case .tooManyErrors(let count, _, let cause) = error else { Issue.record("\(error)"); return }
            #expect(count == 3)
            #expect(cause.contains("MetricFailure"))
        }
    }

    @Test func examplesWithoutInputsOrLabelsFailClearly() throws {
        // No inputs marked: the program cannot be called; every example fails and evaluation stops.
        let unmarked = (0..<3).map { Example(["question": .string("What is \($0)?"), "answer": "0"]) }
        do {
            _ = try RecordingPresenter.recording { _ in
                try context(lm: Self.model) {
                    try Evaluate(devset: unmarked, metric: Metric(Arithmetic.exactMatch), maxErrors: 2)(ArithmeticProgram())
                }
            }
            Issue.record("expected an error")
        } catch let error as EvaluateError {
            #expect("\(error)".contains("Inputs have not been set"))
        }
        // A metric reading a label the examples lack fails each of them, as Python's AttributeError does, naming the
        // field; past maxErrors, evaluating and bootstrapping stop, naming the example.
        let unlabeled = (0..<12).map { Example(["question": .string("What is \($0)?")]).withInputs("question") }
        let exact = Metric(name: "exact_match", Arithmetic.exactMatch)
        let (result, logged) = try RecordingPresenter.recording { recorder in
            (try context(lm: Self.model) { try Evaluate(devset: Array(unlabeled.prefix(4)), metric: exact)(ArithmeticProgram()) },
             recorder.logged)
        }
        #expect(result.score == 0)
        #expect(result.results.allSatisfy { $0.error?.contains("The example has no field 'answer'") == true }, "\(result.results)")
        // Threads finish in any order; each failing example is logged once, by name.
        for n in 0..<4 {
            #expect(logged.filter { $0.hasPrefix("Error for Example({'question': 'What is \(n)?'})") }.count == 1, "\(logged)")
        }
        // The closing lines: DSPy's score, then how many examples failed (DSPy logs none such count).
        #expect(result.failedCount == 4)
        #expect(logged.last == "Average Metric: 0 / 4 (0.0%)\n4 of 4 examples failed (the errors are logged above) and scored 0.0",
                "\(logged)")
        do {
            _ = try RecordingPresenter.recording { _ in
                try context(lm: Self.model) { try Evaluate(devset: unlabeled, metric: exact, numThreads: 1)(ArithmeticProgram()) }
            }
            Issue.record("expected an error")
        } catch let error as EvaluateError {
            #expect("\(error)".contains("devset example 9") && "\(error)".contains("field 'answer'"), "\(error)")
        }
        do {
            _ = try RecordingPresenter.recording { _ in
                try context(lm: Self.model) { try BootstrapFewShot(metric: exact, numThreads: 1).compile(ArithmeticProgram(), trainset: unlabeled) }
            }
            Issue.record("expected an error")
        } catch let error as OptimizerError {
            #expect("\(error)".contains("trainset example 9") && "\(error)".contains("field 'answer'"), "\(error)")
        }
        // Reading a field with `get` or a subscript is how a metric says the field is optional.
        let lenient = Metric { example, prediction, _ in example.get("answer") == prediction.answer }
        #expect(try lenient(unlabeled[0], Prediction(["answer": "0"])) == 0)
    }

    @Test func bootstrapErrorsStopAtMaxErrors() throws {
        let always = Metric(name: "broken") { _, _, _ -> Double in throw MetricFailure() }
        do {
            _ = try RecordingPresenter.recording { _ in
                try context(lm: Self.model) {
                    try BootstrapFewShot(metric: always, maxErrors: 2, numThreads: 2).compile(ArithmeticProgram(), trainset: Self.examples(8))
                }
            }
            Issue.record("expected an error")
        } catch let error as OptimizerError {
            guard case .tooManyErrors(let count, let example, _) = error else { Issue.record("\(error)"); return }
            #expect(count == 2 && example == 1)
        }
        #expect(throws: OptimizerError.self) { try BootstrapFewShot().compile(ArithmeticProgram(), trainset: []) }
    }

    @Test func corruptOrForeignSaveFilesAreErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dspy-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let corrupt = directory.appendingPathComponent("corrupt.json")
        try Data("{\"program.predict\": {\"demos\": [".utf8).write(to: corrupt)
        do {
            try ArithmeticProgram().load(from: corrupt.path)
            Issue.record("a truncated save file loaded")
        } catch let error as ModuleStateError {
            #expect(error.description.contains(corrupt.path), "the error names the file: \(error)")
        }
        // Another program's save file, one that is not a saved program at all, and a damaged entry.
        for (name, text, expected) in [
            ("foreign.json", "{\"other.predict\": {}, \"metadata\": {}}", ["'program.predict'", "The file has: 'other.predict'"]),
            ("list.json", "[1, 2]", ["not a saved program"]),
            ("damaged.json", "{\"program.predict\": {\"signature\": {\"instructions\": \"\", \"fields\": []}, \"demos\": 3}}",
             ["predictor 'program.predict' is invalid", "'demos' is not a list"]),
        ] {
            let file = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            do {
                try ArithmeticProgram().load(from: file.path)
                Issue.record("\(name) loaded")
            } catch let error as ModuleStateError {
                for part in [file.path] + expected { #expect(error.description.contains(part), "\(error)") }
            }
        }
        #expect(throws: ModuleStateError.self) { try ArithmeticProgram().load(from: directory.appendingPathComponent("absent.json").path) }
    }

    @Test func knnFindsLexicalNeighbours() throws {
        let trainset = ["red apples are sweet", "the sky is blue", "green apples are sour", "blue whales swim"].map {
            Example(["question": .string($0), "answer": "x"]).withInputs("question")
        }
        let knn = try KNN(k: 2, trainset: trainset, vectorizer: LexicalVectorizer())
        let nearest = try knn(Example(["question": "are green apples sweet"]))
        #expect(nearest.map { $0.question } == ["green apples are sour", "red apples are sweet"])
    }

    @Test func randomSearchStopsAtScoreAsDSPyDoes() throws {
        let exact = Metric(name: "exact", Arithmetic.exactMatch)
        let (best, transcript) = try RecordingPresenter.recording { recorder in
            let best = try context(lm: Self.model) {
                try BootstrapFewShotWithRandomSearch(metric: exact, maxBootstrappedDemos: 1, numCandidatePrograms: 2,
                                                     numThreads: 2, stopAtScore: 50)
                    .compile(ArithmeticProgram(), trainset: Self.examples(6), valset: Self.examples(4))
            }
            return (best, recorder.transcript)
        }
        // The zero-shot candidate scores 50% (the even questions): DSPy stops there, before bootstrapping anything.
        #expect(best.candidatePrograms.map(\.seed) == [-3])
        #expect(transcript == [
            "Going to sample between 1 and 1 traces per predictor.", "Will attempt to bootstrap 2 candidate sets.",
            "[bar] Average Metric: 2.00 / 4 (50.0%) 4/4", "Average Metric: 2 / 4 (50.0%)", "New best score: 50.0 for seed -3",
            "Scores so far: [50.0]", "Best score so far: 50.0", "Stopping early because score 50.0 is >= stop_at_score 50.0",
            "1 candidate programs found.",
        ])
    }
}
