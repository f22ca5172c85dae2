import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// MIPROv2's bad input, with a scripted model: each mistake gets DSPy 3.4.1's error (compared with live Python)
/// before any LM call, a proposer reply without an instruction names the predictor and candidate, and a zero-shot
/// run optimizes instructions alone.
@Suite struct MIPROv2Tests {
    /// Answers every output field the prompt asks for: the task gets "5", the proposer `instruction` (none when nil).
    static func model(instruction: String? = "Add the numbers.") -> DummyLM {
        DummyLM { _, messages, _ in
            let system = messages.first?.content ?? ""
            let outputs = system.components(separatedBy: "Your output fields are:").last?
                .components(separatedBy: "All interactions").first ?? ""
            var fields: [String: JSONValue] = [:]
            for name in ["observations", "summary", "program_description", "module_description"]
            where outputs.contains("`\(name)`") {
                fields[name] = .string("About \(name).")
            }
            if outputs.contains("`proposed_instruction`") {
                if let instruction { fields["proposed_instruction"] = .string(instruction) } else { fields["note"] = "none" }
            }
            if fields.isEmpty { fields = ["reasoning": "r", "answer": "5"] }
            return [DummyLM.chatCompletion(fields)]
        }
    }

    static let metric = Metric(name: "exact_match", Arithmetic.exactMatch)

    /// The messages Python's MIPROv2 raises for the same mistakes, in `cases` order.
    static let pythonErrors = """
    import json, dspy
    from dspy.teleprompt import MIPROv2
    dspy.configure(lm=dspy.LM("openai/never-called", api_base="http://127.0.0.1:9/v1", api_key="x"))
    def examples(n):
        return [dspy.Example(question=f"What is {i} + 1?", answer=str(i + 1)).with_inputs("question") for i in range(n)]
    metric = lambda example, prediction, trace=None: example.answer == prediction.answer
    program = lambda: dspy.ChainOfThought("question -> answer")
    cases = [
        lambda: MIPROv2(metric, auto="light").compile(program(), trainset=examples(5), num_trials=3),
        lambda: MIPROv2(metric, auto="light", num_candidates=3).compile(program(), trainset=examples(5)),
        lambda: MIPROv2(metric, auto=None, num_candidates=7).compile(program(), trainset=examples(5)),
        lambda: MIPROv2(metric, auto=None).compile(program(), trainset=examples(5), num_trials=4),
        lambda: MIPROv2(metric, auto="light").compile(program(), trainset=examples(1)),
        lambda: MIPROv2(metric, auto="light").compile(program(), trainset=examples(5), valset=[]),
        lambda: MIPROv2(metric, auto=None, num_candidates=2).compile(program(), trainset=examples(5), valset=examples(3), num_trials=2),
    ]
    messages = []
    for case in cases:
        try:
            case()
            messages.append(None)
        except ValueError as error:
            messages.append(str(error))
    print(json.dumps(messages))
    """

    @Test func badSettingsAndDatasetsGiveDSPysErrorsBeforeAnyCall() throws {
        let expected = try ReferencePython.json([String?].self, Self.pythonErrors)
        let lm = Self.model()
        let trainset = Arithmetic.examples(5)
        let cases: [() throws -> Void] = [
            { _ = try MIPROv2(metric: Self.metric, auto: .light).compile(ArithmeticProgram(), trainset: trainset,
                                                                          options: .init(numTrials: 3)) },
            { _ = try MIPROv2(metric: Self.metric, auto: .light, numCandidates: 3).compile(ArithmeticProgram(), trainset: trainset) },
            { _ = try MIPROv2(metric: Self.metric, auto: nil, numCandidates: 7).compile(ArithmeticProgram(), trainset: trainset) },
            { _ = try MIPROv2(metric: Self.metric, auto: nil).compile(ArithmeticProgram(), trainset: trainset,
                                                                       options: .init(numTrials: 4)) },
            { _ = try MIPROv2(metric: Self.metric, auto: .light).compile(ArithmeticProgram(), trainset: Arithmetic.examples(1)) },
            // Through the shared optimizer protocol.
            { _ = try (MIPROv2(metric: Self.metric, auto: .light) as any Teleprompter<Module, Module>)
                .compile(student: ArithmeticProgram(), trainset: trainset, valset: []) },
            { _ = try MIPROv2(metric: Self.metric, auto: nil, numCandidates: 2).compile(
                ArithmeticProgram(), trainset: trainset, valset: Arithmetic.examples(3), options: .init(numTrials: 2)) },
        ]
        #expect(cases.count == expected.count)
        for (index, (run, message)) in zip(cases, expected).enumerated() {
            #expect(throws: OptimizerError.invalidSetting(message ?? "Python raised nothing"), "case \(index)") {
                try context(lm: lm) { try run() }
            }
        }
        #expect(throws: OptimizerError.emptyTrainset) {
            try context(lm: lm) { _ = try MIPROv2(metric: Self.metric).compile(ArithmeticProgram(), trainset: []) }
        }
        #expect(throws: OptimizerError.invalidSetting("Seed must be between 0 and 2**32 - 1")) {
            try context(lm: lm) {
                _ = try MIPROv2(metric: Self.metric, seed: -1).compile(ArithmeticProgram(), trainset: trainset)
            }
        }
        #expect(lm.calls.isEmpty)
    }

    @Test func aProposalWithoutAnInstructionNamesThePredictorAndCandidate() throws {
        let lm = Self.model(instruction: nil)
        var options = MIPROv2.Options(numTrials: 3)
        options.minibatch = false
        do {
            _ = try context(lm: lm) {
                try MIPROv2(metric: Self.metric, auto: nil, numCandidates: 3, numThreads: 2)
                    .compile(ArithmeticProgram(), trainset: Arithmetic.examples(6), options: options)
            }
            Issue.record("MIPROv2 returned a program though no instruction could be proposed")
        } catch let OptimizerError.instructionProposalFailed(predictor, candidate, error) {
            #expect(predictor == 0 && candidate == 0)
            #expect(error.contains("proposed_instruction"))
        }
    }

    @Test func aZeroShotRunChoosesAmongInstructionsOnly() throws {
        let lm = Self.model()
        var options = MIPROv2.Options(numTrials: 4)
        options.tipAwareProposer = false
        options.minibatch = false
        let result = try context(lm: lm) {
            try MIPROv2(metric: Self.metric, maxBootstrappedDemos: 0, maxLabeledDemos: 0, auto: nil, numCandidates: 3,
                        numThreads: 2).optimize(ArithmeticProgram(), trainset: Arithmetic.examples(8), options: options)
        }
        #expect(result.demoCandidates == nil)
        #expect(result.instructionCandidates == [["Given the fields `question`, produce the fields `answer`.",
                                                  "Add the numbers.", "Add the numbers."]])
        #expect(result.program.predictors().allSatisfy { $0.demos.isEmpty })
        // The default program, then four trials on the whole valset (6 of the 8 examples).
        #expect(result.evaluations.map(\.trial) == [1, 2, 3, 4, 5])
        #expect(result.evaluations.allSatisfy { $0.fullEvaluation })
        #expect(result.evaluations.dropFirst().allSatisfy { $0.params.keys.sorted() == ["0_predictor_instruction"] })
        #expect(result.candidatePrograms.count == 5 && result.minibatchCandidatePrograms.isEmpty)
    }

    /// A metric that throws fails each row it scores, logged under the step it belongs to (a bootstrapped set, a
    /// trial) and scored 0, as DSPy's Evaluate and BootstrapFewShot do; the search still runs every trial.
    @Test func aMetricThatThrowsIsLoggedUnderEachTrialAndScoresZero() throws {
        struct JudgeDown: Error, CustomStringConvertible { var description: String { "the judge is down" } }
        let failing = Metric(name: "judge") { _, _, _ -> Double in throw JudgeDown() }
        var options = MIPROv2.Options(numTrials: 2)
        options.minibatch = false
        let (result, transcript) = try RecordingPresenter.recording { recorder in
            (try context(lm: Self.model()) {
                try MIPROv2(metric: failing, maxBootstrappedDemos: 1, auto: nil, numCandidates: 3, numThreads: 2)
                    .optimize(ArithmeticProgram(), trainset: Arithmetic.examples(6), options: options)
            }, recorder.transcript)
        }
        #expect(result.evaluations.map(\.trial) == [1, 2, 3])
        #expect(result.evaluations.allSatisfy { $0.score == 0 })
        #expect(transcript.contains { $0.hasPrefix("Failed to run or to evaluate example") && $0.contains("the judge is down") },
                "bootstrapping logs each failed example")
        for header in ["== Trial 1 / 2 - Full Evaluation of Default Program ==", "===== Trial 2 / 2 =====", "===== Trial 3 / 2 ====="] {
            let start = try #require(transcript.firstIndex(of: header), "\(header)")
            let trial = transcript[start...].prefix { $0 == header || !$0.contains("Trial ") }
            #expect(trial.contains { $0.hasPrefix("Error for Example(") && $0.hasSuffix("the judge is down") }, "\(header)")
            #expect(trial.contains { $0.hasSuffix("\n4 of 4 examples failed (the errors are logged above) and scored 0.0") },
                    "\(header)")
        }
    }

    /// Zero trials: the default program is scored and returned, and the log says that no trial ran.
    @Test func zeroTrialsScoreTheDefaultProgramAndSayNoTrialRan() throws {
        var options = MIPROv2.Options(numTrials: 0)
        options.minibatch = false
        let (result, transcript) = try RecordingPresenter.recording { recorder in
            (try context(lm: Self.model()) {
                try MIPROv2(metric: Self.metric, auto: nil, numCandidates: 2, numThreads: 2)
                    .optimize(ArithmeticProgram(), trainset: Arithmetic.examples(6), options: options)
            }, recorder.transcript)
        }
        #expect(result.evaluations.map(\.trial) == [1])
        #expect(result.program.predictors().map(\.signature.instructions) == ArithmeticProgram().predictors().map(\.signature.instructions))
        #expect(transcript.contains("MIPROv2 ran no trial (num_trials is 0): the default program is returned."))
    }
}
