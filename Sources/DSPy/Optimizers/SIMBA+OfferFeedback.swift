/// The prompt model's task in SIMBA's rule strategy, byte for byte as DSPy 3.4.1 defines it (`simba_utils.py`).
extension SIMBA {
    /// DSPy's `OfferFeedback`: advice per module from a better and a worse run of the program.
    public static let offerFeedback = Signature(
        """
        You will be given two trajectories of an LLM-driven program's execution. Your goal is to help the program's modules
        build up experience on how to maximize the reward value assigned to the program's outputs if it were to receive
        similar inputs in the future.

        The module won't see its own history. It will rely on your advice balancing being concrete and being generalizable.

        In your advice:
        - Avoid boilerplate. Offer advice that would change the module's behavior for the better in the future.
        - Ensure that advice offered to a module M is specific to that M's specific sub-task, not the overall program.
        - Rely on contrasting the behavior of the worse trajectory against the better trajectory in making recommendations.
        - Ensure each unique module name appears exactly once as a key in the advice dictionary.
        """,
        name: "OfferFeedback"
    ) {
        InputField("program_code", desc: "The code of the program that we are analyzing")
        InputField("modules_defn", desc: "The definition of each module in the program, including its I/O")
        InputField("program_inputs", desc: "The inputs to the program that we are analyzing")
        InputField("oracle_metadata", desc: "Any (hidden) metadata about the training set instance we're analyzing")
        InputField("worse_program_trajectory", desc: "The trajectory of the program's execution, showing each module's I/O")
        InputField("worse_program_outputs", desc: "The outputs of the program that we are analyzing")
        InputField("worse_reward_value", desc: "The reward value assigned to the program's outputs", type: .float)
        InputField("worse_reward_info",
                   desc: "Additional information that might be helpful to understanding the assigned reward value.")
        InputField("better_program_trajectory", desc: "The trajectory of the program's execution, showing each module's I/O")
        InputField("better_program_outputs", desc: "The outputs of the program that we are analyzing")
        InputField("better_reward_value", desc: "The reward value assigned to the program's outputs", type: .float)
        InputField("better_reward_info",
                   desc: "Additional information that might be helpful to understanding the assigned reward value.")
        InputField("module_names", desc: "The names of the modules in the program, for which we seek advice",
                   type: .list(.string))
        OutputField("discussion", desc: "Discussing blame of where each module went wrong, if it did")
        OutputField(
            "module_advice",
            desc: "For each module, describe very concretely: If the module receives ${description of input or patterns "
                + "therein}, then it should ${description of content, behavior, or strategies to adopt and/or others to "
                + "avoid}. Basically, your advice be such that if the module has access to your tip, it would be much more "
                + "likely to act like the successful trajectory rather than the lower-scoring trajectory.",
            type: .dict(key: .string, value: .string))
    }
}
