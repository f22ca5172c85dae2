import JSON

/// A tool-using agent: in each step the model writes a thought and picks a tool and its arguments; the tool's
/// observation joins the trajectory; after `finish` (or `maxIters` steps) a chain of thought extracts the
/// signature's outputs from the trajectory — DSPy's `dspy.ReAct`.
public final class ReAct: Module, @unchecked Sendable {
    // @unchecked: all stored properties are immutable after init; the predictors lock their own state.
    public private(set) var signature: Signature
    public private(set) var tools: [Tool]
    public private(set) var maxIters: Int
    /// Picks the next thought, tool and arguments.
    public let react: Predict
    /// Produces the outputs from the trajectory.
    public let extract: ChainOfThought

    public init(_ signature: Signature, tools: [Tool], maxIters: Int = 20) {
        let outputs = signature.outputFields.map { "`\($0.name)`" }.joined(separator: ", ")
        let finish = Tool(
            "finish",
            desc: "Marks the task as complete. That is, signals that all information for producing the outputs, i.e. \(outputs), are now available to be extracted."
        ) { _ in "Completed." }
        var byName: [Tool] = []
        for tool in tools + [finish] {
            if let index = byName.firstIndex(where: { $0.name == tool.name }) { byName[index] = tool } else { byName.append(tool) }
        }
        self.signature = signature
        self.tools = byName
        self.maxIters = maxIters
        self.react = Predict(Self.reactSignature(signature, tools: byName))
        self.extract = ChainOfThought(Signature(
            fields: signature.fields + [InputField("trajectory")], instructions: signature.instructions))
        super.init()
    }

    /// An empty agent, to be filled by `copyState(from:)`.
    public required init() {
        signature = Signature(fields: [], instructions: "")
        tools = []
        maxIters = 20
        react = Predict()
        extract = ChainOfThought()
        super.init()
    }

    public override func copyState(from other: Module) {
        guard let other = other as? ReAct else { return }
        signature = other.signature
        tools = other.tools
        maxIters = other.maxIters
        super.copyState(from: other)
    }

    static func reactSignature(_ signature: Signature, tools: [Tool]) -> Signature {
        let inputs = signature.inputFields.map { "`\($0.name)`" }.joined(separator: ", ")
        let outputs = signature.outputFields.map { "`\($0.name)`" }.joined(separator: ", ")
        var instructions = signature.instructions.isEmpty ? [] : ["\(signature.instructions)\n"]
        instructions += [
            "You are an Agent. In each episode, you will be given the fields \(inputs) as input. And you can see your past trajectory so far.",
            "Your goal is to use one or more of the supplied tools to collect any necessary information for producing \(outputs).\n",
            "To do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.",
            "After each tool call, you receive a resulting observation, which gets appended to your trajectory.\n",
            "When writing next_thought, you may reason about the current situation and plan for future steps.",
            "When selecting the next_tool_name and its next_tool_args, the tool must be one of:\n",
        ]
        instructions += tools.enumerated().map { "(\($0.offset + 1)) \($0.element.promptDescription)" }
        instructions.append("When providing `next_tool_args`, the value inside the field must be in JSON format")
        return Signature(fields: signature.inputFields + [
            InputField("trajectory"),
            OutputField("next_thought"),
            OutputField("next_tool_name", type: .literal(tools.map { .string($0.name) })),
            OutputField("next_tool_args", type: .dict(key: .string, value: .any)),
        ], instructions: instructions.joined(separator: "\n"))
    }

    public override func forward(_ inputs: Example) throws -> Prediction {
        var arguments = inputs.toDict()
        let iterations = arguments.removeValue(forKey: "max_iters")?.intValue ?? maxIters
        var trajectory: [(String, JSONValue)] = []
        for index in 0..<iterations {
            try Interruption.check()
            let step: Prediction
            do {
                step = try Self.callTruncating(&trajectory) { try react.call(arguments.merging(["trajectory": .string($0)]) { _, new in new }) }
            } catch let error as LMError where error.kind == .contextWindowExceeded {
                Presentation.presenter.log("Ending the trajectory: \(error)")
                break
            } catch let error as AdapterParseError {
                // As DSPy: a step the model cannot express ends the trajectory, with DSPy's warning; the extraction
                // still runs.
                Presentation.presenter.log("Ending the trajectory: Agent failed to select a valid tool: \(error)")
                break
            }
            let toolName = step.next_tool_name.pythonStr
            trajectory.append(("thought_\(index)", step.next_thought))
            trajectory.append(("tool_name_\(index)", step.next_tool_name))
            trajectory.append(("tool_args_\(index)", step.next_tool_args))
            let observation: JSONValue
            do {
                guard let tool = tools.first(where: { $0.name == toolName }) else {
                    throw ToolError.unknownTool(toolName, available: tools.map(\.name))
                }
                observation = try tool(step.next_tool_args.objectValue ?? [:])
            } catch let error as Interrupted {
                throw error
            } catch {
                observation = .string("Execution error in \(toolName): \(error)")
            }
            trajectory.append(("observation_\(index)", observation))
            if toolName == "finish" { break }
        }
        let extracted = try Self.callTruncating(&trajectory) {
            try extract.predict.call(arguments.merging(["trajectory": .string($0)]) { _, new in new })
        }
        return Prediction(fields: [("trajectory", .object(Dictionary(trajectory, uniquingKeysWith: { _, last in last })))] + extracted.items())
    }

    /// DSPy's `_call_with_potential_trajectory_truncation`: up to three tries, each after a context-window error
    /// dropping the oldest tool call (its four entries) from the trajectory.
    ///
    /// - Throws: `LMError` of kind `.contextWindowExceeded` when three tries fail or only one tool call is left.
    static func callTruncating(_ trajectory: inout [(String, JSONValue)], _ call: (String) throws -> Prediction) throws -> Prediction {
        for _ in 0..<3 {
            do {
                return try call(format(trajectory))
            } catch let error as LMError where error.kind == .contextWindowExceeded {
                Presentation.presenter.log("Trajectory exceeded the context window, truncating the oldest tool call information.")
                guard trajectory.count > 4 else {
                    throw LMError(.contextWindowExceeded, model: error.model, message: "The trajectory is too long so your prompt exceeded the context window, but the trajectory cannot be truncated because it only has one tool call.")
                }
                trajectory.removeFirst(4)
            }
        }
        throw LMError(.contextWindowExceeded, model: "", message: "The context window was exceeded even after 3 attempts to truncate the trajectory.")
    }

    /// The trajectory as DSPy shows it to the model: `[[ ## key ## ]]` sections in order.
    static func format(_ trajectory: [(String, JSONValue)]) -> String {
        FieldFormatting.joinSections([""] + trajectory.map { "[[ ## \($0.0) ## ]]\n" + FieldFormatting.value($0.1, type: .string) } + [""])
    }
}
