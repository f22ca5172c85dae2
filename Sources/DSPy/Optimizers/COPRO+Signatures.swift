/// The prompt model's two tasks in COPRO, byte for byte as DSPy 3.4.1 defines them (`copro_optimizer.py`).
extension COPRO {
    /// DSPy's `BasicGenerateInstruction`: a first batch of instructions from the predictor's own.
    public static let basicGenerateInstruction = Signature(
        """
        You are an instruction optimizer for large language models. I will give you a ``signature`` of fields \
        (inputs and outputs) in English. Your task is to propose an instruction that will lead a good language model \
        to perform the task well. Don't be afraid to be creative.
        """,
        name: "BasicGenerateInstruction"
    ) {
        InputField("basic_instruction", desc: "The initial instructions before optimization")
        proposedFields
    }

    /// DSPy's `GenerateInstructionGivenAttempts`: a new batch from the best attempts so far and their scores.
    public static let generateInstructionGivenAttempts = Signature(
        """
        You are an instruction optimizer for large language models. I will give some task instructions I've tried, \
        along with their corresponding validation scores. The instructions are arranged in increasing order based on \
        their scores, where higher scores indicate better quality.

        Your task is to propose a new instruction that will lead a good language model to perform the task even \
        better. Don't be afraid to be creative.
        """,
        name: "GenerateInstructionGivenAttempts"
    ) {
        InputField("attempted_instructions")
        proposedFields
    }

    /// The outputs both signatures share.
    private static var proposedFields: [SignatureField] {
        [
            OutputField("proposed_instruction", desc: "The improved instructions for the language model"),
            OutputField("proposed_prefix_for_output_field",
                        desc: "The string at the end of the prompt, which will help the model start solving the task"),
        ]
    }
}
