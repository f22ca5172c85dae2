/// The proposer's prompts, byte for byte as DSPy 3.4.1 defines them (`propose/grounded_proposer.py`).
extension GroundedProposer {
    /// DSPy's `TIPS`, in its order (the proposer draws one per instruction with `rng.choice`).
    static let tips: [(String, String)] = [
        ("none", ""),
        ("creative", "Don't be afraid to be creative when creating the new instruction!"),
        ("simple", "Keep the instruction clear and concise."),
        ("description", "Make sure your instruction is very informative and descriptive."),
        ("high_stakes", "The instruction should include a high stakes scenario in which the LM must solve the task!"),
        ("persona", "Include a persona that is relevant to the task in the instruction (ie. \"You are a ...\")"),
    ]

    static let describeProgram = Signature(
        "Below is some pseudo-code for a pipeline that solves tasks with calls to language models. Please describe "
            + "what type of task this program appears to be designed to solve, and how it appears to work.",
        name: "DescribeProgram"
    ) {
        InputField("program_code", desc: "Pseudocode for a language model program designed to solve a particular task.")
        InputField("program_example", desc: "An example of the program in use.")
        OutputField("program_description",
                    desc: "Describe what task the program is designed to solve, and how it goes about solving this task.")
    }

    static let describeModule = Signature(
        "Below is some pseudo-code for a pipeline that solves tasks with calls to language models. Please describe "
            + "the purpose of one of the specified module in this pipeline.",
        name: "DescribeModule"
    ) {
        InputField("program_code", desc: "Pseudocode for a language model program designed to solve a particular task.")
        InputField("program_example", desc: "An example of the program in use.")
        InputField("program_description",
                   desc: "Summary of the task the program is designed to solve, and how it goes about solving it.")
        InputField("module", desc: "The module in the program that we want to describe.")
        OutputField("module_description", desc: "Description of the module's role in the broader program.")
    }

    /// DSPy's `generate_instruction_class`: the fields present depend on what the proposer knows (a dataset
    /// summary, the program, a tip); MIPROv2 never shows instruction history.
    static func generateInstruction(datasetSummary: Bool, programAware: Bool, tip: Bool) -> Signature {
        var fields: [SignatureField] = []
        if datasetSummary {
            fields.append(InputField("dataset_description", desc: "A description of the dataset that we are using."))
        }
        if programAware {
            fields += [
                InputField("program_code", desc: "Language model program designed to solve a particular task."),
                InputField("program_description",
                           desc: "Summary of the task the program is designed to solve, and how it goes about solving it."),
                InputField("module", desc: "The module to create an instruction for."),
                InputField("module_description", desc: "Description of the module to create an instruction for."),
            ]
        }
        fields.append(InputField("task_demos", desc: "Example inputs/outputs of our module."))
        fields.append(InputField("basic_instruction", desc: "Basic instruction."))
        if tip {
            fields.append(InputField("tip", desc: "A suggestion for how to go about generating the new instruction."))
        }
        fields.append(OutputField("proposed_instruction",
                                  desc: "Propose an instruction that will be used to prompt a Language Model to perform this task."))
        return Signature(
            fields: fields,
            instructions: "Use the information below to learn about a task that we are trying to solve using calls to "
                + "an LM, then generate a new instruction that will be used to prompt a Language Model to better solve the task.",
            name: "GenerateSingleModuleInstruction")
    }
}
