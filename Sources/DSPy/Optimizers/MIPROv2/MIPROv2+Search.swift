import JSON

extension MIPROv2 {
    /// DSPy's `_optimize_prompt_parameters`: the default program is scored on the whole valset and added to the
    /// study as trial 1; each trial then lets the TPE choose an instruction and a demo set per predictor and scores
    /// the candidate (on a minibatch drawn with the shared `random.Random`, or on the whole valset); with
    /// minibatches, every `minibatchFullEvalSteps + 1` trials (and before the last) the best-averaging combination
    /// not yet fully scored is scored on the whole valset and told to the study.
    struct Search<Program: Module> {
        let program: Program
        let instructions: [[String]]
        let demoSets: [[[Example]]]?
        let valset: [Example]
        let evaluate: Evaluate
        var study: TPEStudy
        var rng: PythonRandom
        let options: Options
        let numTrials: Int
        let minibatch: Bool
        var evaluations: [MIPROv2Result<Program>.Evaluation] = []
        /// Minibatch results by DSPy's key ("Predictor 0: Instruction 1,Predictor 0: Few-Shot Set 2"), in first-seen order.
        private var byCombination: [(key: String, runs: [(score: Double, program: Program, params: [String: Int])])] = []
        private var fullyEvaluated: Set<String> = []
        private var bestScore = 0.0
        private var bestProgram: Program?

        init(program: Program, instructions: [[String]], demoSets: [[[Example]]]?, valset: [Example], evaluate: Evaluate,
             study: TPEStudy, rng: PythonRandom, options: Options, numTrials: Int, minibatch: Bool) {
            self.program = program
            self.instructions = instructions
            self.demoSets = demoSets
            self.valset = valset
            self.evaluate = evaluate
            self.study = study
            self.rng = rng
            self.options = options
            self.numTrials = numTrials
            self.minibatch = minibatch
        }

        /// The parameters and their choice counts (DSPy's `_get_param_distributions`).
        private var choices: [String: Int] {
            var choices: [String: Int] = [:]
            for (index, candidates) in instructions.enumerated() {
                choices["\(index)_predictor_instruction"] = candidates.count
                if let demoSets, !demoSets.isEmpty { choices["\(index)_predictor_demos"] = demoSets[index].count }
            }
            return choices
        }

        /// Runs the trials; returns the best fully scored program and its score.
        mutating func run() throws -> (Program, Double) {
            let log = Presentation.presenter
            let steps = options.minibatchFullEvalSteps
            let total = minibatch ? numTrials + numTrials / steps + 1 + (numTrials % steps != 0 ? 1 : 0) : numTrials
            log.log("==> STEP 3: FINDING OPTIMAL PROMPT PARAMETERS <==")
            log.log("== Trial 1 / \(total) - Full Evaluation of Default Program ==")
            let defaultScore = try score(program, on: valset.count)
            log.log("Default program score: \(PythonFormat.repr(defaultScore))\n")
            bestScore = defaultScore
            bestProgram = program.deepcopy()
            evaluations.append(.init(trial: 1, score: defaultScore, fullEvaluation: true, params: [:], program: program.deepcopy()))
            study.addTrial(params: choices.mapValues { _ in 0 }, choices: choices, value: defaultScore)
            // Beyond DSPy, which says nothing here: a zero budget is named, not mistaken for a search that found nothing.
            if numTrials == 0 { log.log("MIPROv2 ran no trial (num_trials is 0): the default program is returned.") }

            for _ in 0..<numTrials {
                let trial = try study.ask() + 1
                log.log(minibatch ? "== Trial \(trial) / \(total) - Minibatch ==" : "===== Trial \(trial) / \(numTrials) =====")
                let candidate = program.deepcopy()
                var chosen: [String] = [], params: [String: Int] = [:]
                for (index, predictor) in candidate.predictors().enumerated() {
                    let instruction = try study.suggest("\(index)_predictor_instruction", choices: instructions[index].count)
                    predictor.signature = predictor.signature.withInstructions(instructions[index][instruction])
                    chosen.append("Predictor \(index): Instruction \(instruction)")
                    params["\(index)_predictor_instruction"] = instruction
                    if let demoSets, !demoSets.isEmpty {
                        let set = try study.suggest("\(index)_predictor_demos", choices: demoSets[index].count)
                        predictor.demos = demoSets[index][set]
                        chosen.append("Predictor \(index): Few-Shot Set \(set)")
                        params["\(index)_predictor_demos"] = set
                    }
                }
                let batchSize = minibatch ? options.minibatchSize : valset.count
                let value = try score(candidate, on: batchSize)
                if !minibatch, value > bestScore {
                    bestScore = value
                    bestProgram = candidate.deepcopy()
                    log.log("Best full score so far! Score: \(PythonFormat.repr(value))")
                }
                evaluations.append(.init(trial: trial, score: value, fullEvaluation: batchSize >= valset.count,
                                         params: params, program: candidate))
                logTrial(value, batchSize: batchSize, chosen: chosen)
                let key = chosen.joined(separator: ",")
                if let position = byCombination.firstIndex(where: { $0.key == key }) {
                    byCombination[position].runs.append((value, candidate, params))
                } else {
                    byCombination.append((key, [(value, candidate, params)]))
                }
                if minibatch, trial % (steps + 1) == 0 || trial == total - 1 {
                    try evaluateFully(trial: trial, of: total)
                }
                study.tell(value)
            }
            log.log("Returning best identified program with score \(PythonFormat.repr(bestScore))!")
            return (bestProgram!, bestScore)
        }

        /// DSPy's `_perform_full_evaluation`: the combination with the best minibatch average not yet fully scored.
        private mutating func evaluateFully(trial: Int, of total: Int) throws {
            let log = Presentation.presenter
            log.log("===== Trial \(trial + 1) / \(total) - Full Evaluation =====")
            let averages = byCombination.enumerated().map { position, entry in
                (position, entry.runs.map(\.score).reduce(0, +) / Double(entry.runs.count))
            }
            // Python's sort is stable: ties keep first-seen order.
            guard let (position, mean) = averages.sorted(by: { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 })
                .first(where: { !fullyEvaluated.contains(byCombination[$0.0].key) }) else {
                throw OptimizerError.noCandidates("No valid program found in param_score_dict")
            }
            let entry = byCombination[position], first = entry.runs[0]
            log.log("Doing full eval on next top averaging program (Avg Score: \(PythonFormat.repr(mean))) from minibatch trials...")
            let value = try score(first.program, on: valset.count)
            evaluations.append(.init(trial: trial + 1, score: value, fullEvaluation: true, params: first.params,
                                     program: first.program))
            study.addTrial(params: first.params, choices: choices, value: value)
            fullyEvaluated.insert(entry.key)
            if value > bestScore {
                log.log("New best full eval score! Score: \(PythonFormat.repr(value))")
                bestScore = value
                bestProgram = first.program.deepcopy()
            }
            log.log("Full eval scores so far: \(scores(full: true))")
            log.log("Best full score so far: \(PythonFormat.repr(bestScore))")
        }

        /// DSPy's `eval_candidate_program`: the whole valset, or a minibatch of `size` drawn with `rng.sample`; a
        /// failed evaluation is logged and scores 0.
        private mutating func score(_ candidate: Program, on size: Int) throws -> Double {
            var evaluate = evaluate
            do {
                if size < valset.count { evaluate.devset = try rng.sample(valset, size) }
                return try evaluate(candidate).score
            } catch let error as Interrupted {
                throw error
            } catch {
                Presentation.presenter.log("An exception occurred during evaluation: \(error)")
                return 0
            }
        }

        private func logTrial(_ value: Double, batchSize: Int, chosen: [String]) {
            let log = Presentation.presenter
            let parameters = "[" + chosen.map(JSONValue.pythonStringRepr).joined(separator: ", ") + "]"
            if minibatch {
                log.log("Score: \(PythonFormat.repr(value)) on minibatch of size \(batchSize) with parameters \(parameters).")
                log.log("Minibatch scores so far: \(scores(full: false))")
                log.log("Full eval scores so far: \(scores(full: true))")
            } else {
                log.log("Score: \(PythonFormat.repr(value)) with parameters \(parameters).")
                log.log("Scores so far: \(scores(full: true))")
            }
            log.log("Best \(minibatch ? "full " : "")score so far: \(PythonFormat.repr(bestScore))\n\n")
        }

        private func scores(full: Bool) -> String {
            "[" + evaluations.filter { $0.fullEvaluation == full }.map { PythonFormat.repr($0.score) }.joined(separator: ", ") + "]"
        }
    }
}
