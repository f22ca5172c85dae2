import JSON
import Testing
@testable import DSPy
import DSPyTesting

/// COPRO's bad input, with a scripted prompt model: each mistake gets an error naming its cause, before or without
/// a crash; and the optimizers share the `Teleprompter` shape.
@Suite struct COPROTests {
    /// A scripted model: the proposer gets `proposal` for every completion asked, the task always answers "5".
    static func model(proposal: [String: JSONValue]) -> DummyLM {
        DummyLM { _, messages, config in
            let count = config["n"]?.intValue ?? 1
            if messages.first?.content.contains("You are an instruction optimizer") == true {
                return Array(repeating: DummyLM.chatCompletion(proposal), count: count)
            }
            return Array(repeating: DummyLM.chatCompletion(["reasoning": "r", "answer": "5"]), count: count)
        }
    }

    static let proposal: [String: JSONValue] = ["proposed_instruction": "Add.", "proposed_prefix_for_output_field": "Sum:"]
    static let trainset = Arithmetic.examples(3)

    @Test func breadthOfOneOrLessAndDepthZeroAreRefused() {
        let metric = Metric(Arithmetic.exactMatch)
        for breadth in [1, 0, -2] {
            #expect(throws: OptimizerError.invalidSetting("Breadth must be greater than 1")) {
                try COPRO(metric: metric, breadth: breadth)
            }
        }
        #expect(throws: OptimizerError.invalidSetting("COPRO's depth must be at least 1, got 0")) {
            try COPRO(metric: metric, depth: 0)
        }
    }

    @Test func anEmptyTrainsetIsRefusedBeforeAnyCall() throws {
        let lm = Self.model(proposal: Self.proposal)
        #expect(throws: OptimizerError.emptyTrainset) {
            try COPRO(promptModel: lm, metric: Metric(Arithmetic.exactMatch), breadth: 2, depth: 1)
                .compile(ArithmeticProgram(), trainset: [])
        }
        #expect(lm.calls.isEmpty)
    }

    @Test func aMetricThatThrowsNamesTheCandidate() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "the metric broke" } }
        let lm = Self.model(proposal: Self.proposal)
        let copro = try COPRO(metric: Metric { (_: Example, _: Prediction, _: Trace?) throws -> Bool in throw Broken() },
                              breadth: 3, depth: 1)
        do {
            _ = try context(lm: lm) { try copro.compile(ArithmeticProgram(), trainset: Self.trainset, maxErrors: 2) }
            Issue.record("COPRO returned a program though every metric call failed")
        } catch let OptimizerError.candidateFailed(predictor, depth, candidate, count, instruction, error) {
            #expect(predictor == "program.predict" && depth == 1 && candidate == 1 && count == 3 && instruction == "Add.")
            #expect(error.contains("the metric broke"))
        }
    }

    @Test func aProposalWithoutAnInstructionNamesThePredictor() throws {
        let lm = Self.model(proposal: ["proposed_prefix_for_output_field": "Sum:"])
        let copro = try COPRO(promptModel: lm, metric: Metric(Arithmetic.exactMatch), breadth: 3, depth: 1)
        do {
            _ = try context(lm: lm) { try copro.compile(ArithmeticProgram(), trainset: Self.trainset) }
            Issue.record("COPRO returned a program from unparseable proposals")
        } catch let OptimizerError.proposalFailed(predictor, depth, error) {
            #expect(predictor == "program.predict" && depth == 0)
            #expect(error.contains("proposed_instruction"))
        }
        // Only the proposer was asked (once, then once more through JSONAdapter, as DSPy retries); nothing scored.
        #expect(lm.calls.allSatisfy { $0.messages.first?.content.contains("instruction optimizer") == true })
    }

    @Test func everyOptimizerCompilesThroughTheSharedProtocol() throws {
        let lm = Self.model(proposal: Self.proposal)
        let metric = Metric(Arithmetic.exactMatch)
        let optimizers: [any Teleprompter<Module, Module>] = [
            LabeledFewShot(k: 2), BootstrapFewShot(metric: metric, maxBootstrappedDemos: 1, maxLabeledDemos: 1),
            BootstrapFewShotWithRandomSearch(metric: metric, maxBootstrappedDemos: 1, numCandidatePrograms: 1),
            try KNNFewShot(k: 1, trainset: Self.trainset), try COPRO(metric: metric, breadth: 2, depth: 1),
        ]
        try context(lm: lm) {
            for optimizer in optimizers {
                let compiled = try optimizer.compile(student: ArithmeticProgram(), trainset: Self.trainset)
                #expect(try compiled(question: "What is 2 + 3?").answer == "5", "\(type(of: optimizer))")
            }
            let copro = try COPRO(metric: metric, breadth: 2, depth: 1).compile(student: ArithmeticProgram(), trainset: Self.trainset)
            #expect(copro.predictors()[0].signature.instructions == "Add.")
            #expect(copro.predictors()[0].signature.outputFields.last?.prefix == "Sum:")
            let labeled = try LabeledFewShot(k: 2).compile(student: ArithmeticProgram(), trainset: Self.trainset)
            #expect(labeled.predictors()[0].demos == (try LabeledFewShot(k: 2).compile(ArithmeticProgram(), trainset: Self.trainset)).predictors()[0].demos)
            let voted = try Ensemble(reduce: { $0.first }).compile(student: [ArithmeticProgram(), ArithmeticProgram()], trainset: [])
            #expect(try voted(question: "What is 2 + 3?").answer == "5")
        }
        #expect(throws: OptimizerError.valsetNotUsed("LabeledFewShot")) {
            try LabeledFewShot(k: 2).compile(student: ArithmeticProgram(), trainset: Self.trainset, valset: Self.trainset)
        }
    }
}
