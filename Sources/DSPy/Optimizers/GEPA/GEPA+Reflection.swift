import JSON

extension GEPA {
    /// DSPy's `ProposeInstruction`, the reflection LM's task, with the examples typed as `list[dict[str, Any]]`
    /// whose members keep the order Python's dictionaries give them (inputs, outputs, feedback).
    static func proposeInstruction(inputs: [String], outputs: [String]) -> Signature {
        let entries = { (names: [String]) in
            FieldType.object(ObjectSchema(name: "dict", properties: names.map { .init(name: $0, type: .any) }))
        }
        let example = ObjectSchema(name: "dict[str, Any]", properties: [
            .init(name: "Inputs", type: entries(inputs)), .init(name: "Generated Outputs", type: entries(outputs)),
            .init(name: "Feedback", type: .any),
        ])
        return Signature(
            """
            I provided an assistant with instructions to perform a task for me. You are given those instructions, \
            along with examples of different task inputs provided to the assistant, the assistant's response for each \
            of them, and some feedback on how the assistant's response could be better.

            Your task is to write a new instruction for the assistant.

            Read the inputs carefully and identify the input format and infer detailed task description about the task \
            I wish to solve with the assistant.

            Read all the assistant responses and the corresponding feedback. Identify all niche and domain specific \
            factual information about the task and include it in the instruction, as a lot of it may not be available \
            to the assistant in the future. The assistant may have utilized a generalizable strategy to solve the task, \
            if so, include that in the instruction as well.
            """,
            name: "ProposeInstruction"
        ) {
            InputField("current_instruction", desc: "The instructions I provided to the assistant.")
            InputField("examples_with_feedback",
                       desc: "Task inputs provided to the assistant, the assistant's response for each, and feedback on how the response could be better.",
                       type: .list(.object(example)))
            OutputField("new_instruction", desc: "The new instruction for the assistant.")
        }
    }

    /// `DspyAdapter.make_reflective_dataset` for one predictor: for each run that called it (and did not fail to
    /// parse), one call drawn with `rng`, its inputs, outputs and the metric's feedback for that predictor.
    /// - Throws: what the metric throws; `ReflectionError.noExamples` when no run called the predictor.
    func reflectiveDataset(
        for name: String, signature: Signature, trajectories: [GEPATrajectory], rng: inout PythonRandom,
        warnedMismatch: inout Bool
    ) throws -> [JSONValue] {
        var records: [JSONValue] = []
        for run in trajectories {
            guard let prediction = run.prediction else { continue }
            let calls = run.trace.filter { $0.predictor.signature == signature }
            guard !calls.isEmpty else { continue }
            let call = try rng.choice(calls)
            let feedback = try metric(run.example, prediction, trace: run.trace, predictorName: name, predictorTrace: [call])
            if feedback.score != run.score, warnOnScoreMismatch, !warnedMismatch {
                Presentation.presenter.log(Self.scoreMismatchWarning)
                warnedMismatch = true
            }
            records.append(.object([
                "Inputs": .object(call.inputs.toDict()), "Generated Outputs": .object(call.prediction.toDict()),
                "Feedback": .string(feedback.feedbackText),
            ]))
        }
        return records
    }

    /// DSPy's `InstructionProposer` for one predictor: the reflection LM's new instruction, through a JSONAdapter.
    /// - Throws: the adapter's or LM's error; `ReflectionError.emptyInstruction`.
    func proposeInstruction(for name: String, current: String, signature: Signature, records: [JSONValue]) throws -> String {
        let propose = Predict(Self.proposeInstruction(inputs: signature.inputFields.map(\.name),
                                                      outputs: signature.outputFields.map(\.name)))
        let prediction = try context(lm: reflectionLM, adapter: JSONAdapter()) {
            try propose.call(["current_instruction": .string(current), "examples_with_feedback": .array(records)])
        }
        let instruction = PythonText.strip(prediction["new_instruction"]?.pythonStr ?? "")
        guard !instruction.isEmpty else { throw ReflectionError.emptyInstruction(name) }
        return instruction
    }

    /// Why reflection produced no instruction, with DSPy's messages.
    public enum ReflectionError: Error, Equatable, CustomStringConvertible {
        case emptyInstruction(String)
        case noExamples

        public var description: String {
            switch self {
            case .emptyInstruction(let name): "The reflection LM returned an empty instruction for component '\(name)'."
            case .noExamples: "No valid predictions found for any module."
            }
        }
    }

    static let scoreMismatchWarning = "The score returned by the metric with pred_name is different from the overall metric score. This can indicate 2 things: Either the metric is non-deterministic (e.g., LLM-as-judge, Semantic score, etc.) or the metric returned a score specific to pred_name that differs from the module level score. Currently, GEPA does not support predictor level scoring (support coming soon), and only requires a feedback text to be provided, which can be specific to the predictor or program level. GEPA will ignore the differing score returned, and instead use module level score. You can safely ignore this warning if using a semantic metric, however, if this mismatch is caused due to predictor scoring, please return module-level scores. To disable this warning, set warn_on_score_mismatch=False."
}
