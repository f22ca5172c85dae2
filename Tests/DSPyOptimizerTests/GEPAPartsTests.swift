import DSPyTesting
import Foundation
import JSON
import Testing
@testable import DSPy

/// The parts of GEPA ported so far, against the `gepa` package and DSPy 3.4.1 in the test venv: the reflection
/// prompt and the reading of its reply, the budget, and the feedback stand-in.
@Suite struct GEPAPartsTests {
    struct Reference: Decodable {
        let prompt: String
        let emptyPrompt: String
        let customPrompt: String
        let instructions: [String]
        let budgets: [Int]
        let templateError: String
        let budgetError: String
    }

    static let replies = [
        "Here you go:\n```\nNew instruction.\n```", "```markdown\nTagged.\n```\nbye", "```\nunterminated", "  ```py\nopen",
        "no fence at all  ", "closing only```", "```", "``````", "a ``` b ``` c ``` d", "```text only```", "```\r\nx\n```",
    ]
    static let budgetCases = [(1, 6, 10), (2, 12, 100), (3, 18, 0), (1, 2, 5), (0, 6, 7), (4, 1, 20), (1, 3, 1)]

    static let script = """
    import json, sys
    from gepa.strategies.instruction_proposal import InstructionProposalSignature as S
    import dspy
    from dspy.teleprompt.gepa.gepa import GEPA
    dataset = [
        {"Inputs": {"question": "What is 2 + 2?", "context": "  padded  "}, "Generated Outputs": {"reasoning": "Add.", "answer": "5"},
         "Feedback": "Wrong: the answer is 4."},
        {"Inputs": {"items": ["a", {"k": "v"}, []]}, "Generated Outputs": {}, "Feedback": "Fine.\\n"},
    ]
    out = {"prompt": S.prompt_renderer({"current_instruction_doc": "Answer the sum.", "dataset_with_feedback": dataset})}
    out["emptyPrompt"] = S.prompt_renderer({"current_instruction_doc": "", "dataset_with_feedback": []})
    out["customPrompt"] = S.prompt_renderer({"current_instruction_doc": "I", "dataset_with_feedback": dataset[1:],
                                             "prompt_template": "<side_info>|<curr_param>"})
    out["instructions"] = [S.output_extractor(r)["new_instruction"] for r in json.loads(sys.argv[1])]
    g = GEPA(metric=lambda a, b, c, d, e: 0, auto="light", reflection_lm=dspy.LM("openai/x"))
    out["budgets"] = [g.auto_budget(p, n, v) for p, n, v in json.loads(sys.argv[2])]
    try:
        S.prompt_renderer({"current_instruction_doc": "I", "dataset_with_feedback": [], "prompt_template": "no place"})
    except ValueError as e:
        out["templateError"] = str(e)
    try:
        GEPA(metric=lambda a, b, c, d, e: 0, max_metric_calls=10, auto="heavy", reflection_lm=dspy.LM("openai/x"))
    except AssertionError as e:
        out["budgetError"] = str(e)
    print(json.dumps(out))
    """

    @Test func sameReflectionPromptRepliesAndBudgetsAsPython() throws {
        let replies = String(decoding: try JSONEncoder().encode(Self.replies), as: UTF8.self)
        let cases = "[" + Self.budgetCases.map { "[\($0.0), \($0.1), \($0.2)]" }.joined(separator: ", ") + "]"
        let reference = try ReferencePython.json(Reference.self, Self.script, arguments: [replies, cases])

        let dataset: [[(String, OrderedJSON)]] = [
            [("Inputs", .fields([("question", "What is 2 + 2?"), ("context", "  padded  ")])),
             ("Generated Outputs", .fields([("reasoning", "Add."), ("answer", "5")])), ("Feedback", .value("Wrong: the answer is 4."))],
            [("Inputs", .object([("items", .value(["a", ["k": "v"], []]))])), ("Generated Outputs", .object([])),
             ("Feedback", .value("Fine.\n"))],
        ]
        #expect(try InstructionProposal.prompt(currentInstruction: "Answer the sum.", dataset: dataset) == reference.prompt)
        #expect(try InstructionProposal.prompt(currentInstruction: "", dataset: []) == reference.emptyPrompt)
        #expect(try InstructionProposal.prompt(currentInstruction: "I", dataset: Array(dataset[1...]), template: "<side_info>|<curr_param>")
                == reference.customPrompt)
        #expect(Self.replies.map(InstructionProposal.newInstruction) == reference.instructions)
        #expect(try Self.budgetCases.map { try GEPABudget.autoBudget(predictors: $0.0, candidates: $0.1, valsetSize: $0.2) }
                == reference.budgets)
        #expect(throws: InstructionProposal.TemplateError(missing: ["<curr_param>", "<side_info>"])) {
            try InstructionProposal.prompt(currentInstruction: "I", dataset: [], template: "no place")
        }
        #expect(InstructionProposal.TemplateError(missing: ["<curr_param>", "<side_info>"]).description == reference.templateError)
        do {
            _ = try GEPABudget(maxMetricCalls: 10, auto: .heavy)
            Issue.record("two budgets were accepted")
        } catch {
            #expect(error.description == reference.budgetError)
        }
    }

    @Test func budgetsBecomeMetricCallsAsCompileComputesThem() throws {
        #expect(try GEPABudget(maxMetricCalls: 120).metricCalls(components: 2, trainsetSize: 10, valsetSize: nil) == 120)
        #expect(try GEPABudget(maxFullEvals: 3).metricCalls(components: 2, trainsetSize: 10, valsetSize: 5) == 45)
        #expect(try GEPABudget(maxFullEvals: 3).metricCalls(components: 2, trainsetSize: 10, valsetSize: nil) == 30)
        #expect(try GEPABudget(auto: .light).metricCalls(components: 0, trainsetSize: 10, valsetSize: nil)
                == GEPABudget.autoBudget(predictors: 1, candidates: 6, valsetSize: 10))
        #expect(throws: GEPABudget.BudgetError.notExactlyOne(maxMetricCalls: nil, maxFullEvals: nil, auto: nil)) { try GEPABudget() }
        #expect(throws: GEPABudget.BudgetError.noFullEvalSteps) {
            try GEPABudget.autoBudget(predictors: 1, candidates: 6, valsetSize: 10, fullEvalSteps: 0)
        }
        #expect(ScoreWithFeedback(score: 0.5, feedback: nil).feedbackText == "This trajectory got a score of 0.5.")
    }
}
