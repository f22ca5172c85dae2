import JSON

/// Proposes instruction candidates for each predictor, grounded in a summary of the trainset, a description of the
/// program, bootstrapped demos and a random prompting tip — DSPy's `GroundedProposer` as MIPROv2 configures it
/// (no instruction history), with the same prompts and the same draws from the shared `random.Random`.
///
/// DSPy describes the program from its Python source (`inspect.getsource`); Swift has no such reflection, so the
/// program's code is the text the caller gives (`programCode`), by default each predictor's signature.
struct GroundedProposer {
    var promptModel: (any LanguageModel)?
    var programCode: String
    var programAware: Bool
    /// The dataset summary, or nil when the proposer runs without one (not asked for, or it failed).
    var dataSummary: String?
    var useTaskDemos: Bool
    var numDemosInContext = 3
    var initTemperature: Double

    /// Builds the proposer and, when `useDatasetSummary`, asks the prompt model for the dataset summary; a failure
    /// there is logged and the proposer goes on without one, as in DSPy.
    init(
        promptModel: (any LanguageModel)?, program: Module, programCode: String?, trainset: [Example],
        viewDataBatchSize: Int, programAware: Bool, useDatasetSummary: Bool, useTaskDemos: Bool,
        initTemperature: Double
    ) throws {
        self.promptModel = promptModel
        self.programCode = programCode ?? Self.defaultProgramCode(program)
        self.programAware = programAware
        self.useTaskDemos = useTaskDemos
        self.initTemperature = initTemperature
        guard useDatasetSummary else { return }
        do {
            dataSummary = try DatasetSummary.create(trainset: trainset, viewDataBatchSize: viewDataBatchSize,
                                                    promptModel: promptModel)
        } catch let error as Interrupted {
            throw error
        } catch {
            Presentation.presenter.log("Error getting data summary: \(error).\n\nRunning without data aware proposer.\n")
        }
    }

    /// Each predictor's signature, one per line: the program's code when the caller gives none.
    static func defaultProgramCode(_ program: Module) -> String {
        program.namedPredictors().map { name, predictor in
            "\(name) = Predict(\(JSONValue.pythonStringRepr(predictor.signature.signature)), "
                + "instructions=\(JSONValue.pythonStringRepr(predictor.signature.instructions)))"
        }.joined(separator: "\n")
    }

    /// DSPy's `propose_instructions_for_program`: for each predictor, one instruction per demo set (at most `n`),
    /// each drawing a tip (`rng.choice`, only when `tips`) and a rollout id (`rng.randint(0, 10**9)`).
    /// - Throws: `OptimizerError.instructionProposalFailed` naming the predictor and candidate; `Interrupted`.
    func propose(
        program: Module, demoCandidates: [[[Example]]]?, n: Int, tips: Bool, rng: inout PythonRandom
    ) throws -> [[String]] {
        let demoSets = demoCandidates.map { max($0.first?.count ?? 0, 1) } ?? n
        return try program.predictors().indices.map { predictor in
            try (0..<min(n, demoSets)).map { demoSet in
                let tip = tips ? try rng.choice(Self.tips).1 : ""
                let rollout = try rng.randint(0, 1_000_000_000)
                do {
                    return try proposeInstruction(program: program, predictor: predictor, demoCandidates: demoCandidates,
                                                  demoSet: demoSet, tip: tip, rollout: rollout)
                } catch let error as Interrupted {
                    throw error
                } catch {
                    throw OptimizerError.instructionProposalFailed(predictor: predictor, candidate: demoSet, error: "\(error)")
                }
            }
        }
    }

    /// DSPy's `GenerateModuleInstruction.forward` for one predictor and demo set, at `initTemperature` with its own
    /// rollout id.
    private func proposeInstruction(
        program: Module, predictor index: Int, demoCandidates: [[[Example]]]?, demoSet: Int, tip: String, rollout: Int
    ) throws -> String {
        let config: [String: JSONValue] = ["rollout_id": .int(rollout), "temperature": .double(initTemperature)]
        let signature = program.predictors()[index].signature
        var taskDemos = ""
        if useTaskDemos, let sets = demoCandidates?[index], !sets.isEmpty {
            let adjacent = [sets[demoSet]] + sets[(demoSet + 1)...] + sets[..<demoSet]
            let examples = adjacent.joined().filter { $0["augmented"] != nil }.prefix(numDemosInContext)
            taskDemos = examples.map { example in
                signature.fields.map { "\($0.prefix) \(example[$0.name]?.pythonStr ?? "None")" }.joined(separator: "\n")
            }.joined(separator: "\n\n") + "\n\n"
        }
        if PythonText.strip(taskDemos).isEmpty || demoSet == 0 { taskDemos = "No task demos provided." }

        var programDescription = "Not available", moduleCode = "Not provided", moduleDescription = "Not provided"
        if programAware {
            do {
                let description = try Predict(Self.describeProgram, config: config).call(
                    ["program_code": .string(programCode), "program_example": .string(taskDemos)], lm: promptModel)
                programDescription = Self.stripPrefix(description["program_description"]?.pythonStr ?? "None")
                let inputs = signature.inputFields.map(\.name).joined(separator: ", ")
                let outputs = signature.outputFields.map(\.name).joined(separator: ", ")
                moduleCode = "Predict(\(inputs)) -> \(outputs)"
                let module = try Predict(Self.describeModule, config: config).call(
                    ["program_code": .string(programCode), "program_description": .string(programDescription),
                     "program_example": .string(taskDemos), "module": .string(moduleCode)], lm: promptModel)
                moduleDescription = module["module_description"]?.pythonStr ?? "None"
            } catch let error as Interrupted {
                throw error
            } catch {
                // DSPy goes on with the descriptions it got (the prompt keeps the program's fields).
            }
        }

        let generator = Self.generateInstruction(datasetSummary: dataSummary != nil, programAware: programAware,
                                                 tip: !tip.isEmpty)
        var inputs: [String: JSONValue] = ["task_demos": .string(taskDemos), "basic_instruction": .string(signature.instructions)]
        if let dataSummary { inputs["dataset_description"] = .string(dataSummary) }
        if programAware {
            inputs["program_code"] = .string(programCode)
            inputs["program_description"] = .string(programDescription)
            inputs["module"] = .string(moduleCode)
            inputs["module_description"] = .string(moduleDescription)
        }
        if !tip.isEmpty { inputs["tip"] = .string(tip) }
        let instruction = try Predict(generator, config: config).call(inputs, lm: promptModel)
        return Self.stripPrefix(Self.stripPrefix(instruction["proposed_instruction"]?.pythonStr ?? "None"))
    }

    /// DSPy's `strip_prefix`: drops a leading label of up to five words and a colon (`"Proposed Instruction: "`),
    /// then surrounding double quotes.
    static func stripPrefix(_ text: String) -> String {
        var rest = Substring(text)
        if let match = text.prefixMatch(of: labelPattern) { rest = text[match.range.upperBound...] }
        while rest.first == "\"" { rest.removeFirst() }
        while rest.last == "\"" { rest.removeLast() }
        return String(rest)
    }

    // `re.sub(r"^[\*\s]*(([\w\'\-]+\s+){0,4}[\w\'\-]+):\s*", "", text)`.
    nonisolated(unsafe) private static let labelPattern = try! Regex(#"[\*\s]*(([\w'\-]+\s+){0,4}[\w'\-]+):\s*"#)
}
