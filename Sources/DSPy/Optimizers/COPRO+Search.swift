import JSON

extension COPRO {
    /// An instruction and prefix as the prompt model proposed them (not yet stripped).
    struct Proposal {
        var instruction: String
        var prefix: String
    }

    /// Runs COPRO on a copy of `student`: for each of `depth` iterations, scores every predictor's newest
    /// candidates with `Evaluate` on the trainset (all of them when the program has several predictors, as DSPy
    /// does), sets the predictor to its best, and asks the prompt model for `breadth` more from the best attempts.
    ///
    /// `numThreads`, `displayProgress` and `maxErrors` go to `Evaluate` (DSPy's `eval_kwargs`).
    /// - Throws: `OptimizerError.emptyTrainset`; `.noCandidates` for a program without predictors;
    ///   `.proposalFailed` naming the predictor when the prompt model's reply cannot be used; `.candidateFailed`
    ///   naming the candidate when its evaluation fails (e.g. the metric raises on `maxErrors` examples);
    ///   `Interrupted`.
    public func optimize<Program: Module>(
        _ student: Program, trainset: [Example], numThreads: Int? = nil, displayProgress: Bool = false,
        maxErrors: Int? = nil
    ) throws -> COPROResult<Program> {
        guard !trainset.isEmpty else { throw OptimizerError.emptyTrainset }
        let log = Presentation.presenter
        let module = student.deepcopy()
        let named = module.namedPredictors()
        guard !named.isEmpty else { throw OptimizerError.noCandidates("COPRO found no predictors in the program.") }
        let names = named.map(\.0)
        let evaluate = Evaluate(devset: trainset, metric: metric, numThreads: numThreads,
                                displayProgress: displayProgress, maxErrors: maxErrors)

        // The first batch: breadth − 1 proposals from each predictor's own instruction, then the original itself.
        var allCandidates = try named.map { name, predictor in
            let signature = predictor.signature
            let proposals = try propose(Self.basicGenerateInstruction, count: breadth - 1,
                                        inputs: ["basic_instruction": .string(signature.instructions)],
                                        predictor: name, depth: 0)
            return proposals + [Proposal(instruction: signature.instructions, prefix: signature.fields.last?.prefix ?? "")]
        }
        var latestCandidates = allCandidates

        let clone = module.deepcopy()
        let slots = clone.predictors()
        // See `COPROCandidate.fieldIdentities`: each predictor starts with its own original field.
        var fieldIdentities = Array(slots.indices), updates = slots.count
        func update(_ slot: Int, instruction: String, prefix: String) {
            let signature = slots[slot].signature
            slots[slot].signature = signature.withInstructions(instruction).withUpdatedField(signature.fields.last?.name ?? "") {
                $0.prefix = prefix
            }
            fieldIdentities[slot] = updates
            updates += 1
        }

        var evaluated = Array(repeating: EvaluatedInstructions<Program>(), count: slots.count)
        var resultsBest = Array(repeating: COPROStats(), count: slots.count)
        var resultsLatest = resultsBest
        var totalCalls = 0
        for d in 0..<depth {
            log.log("Iteration Depth: \(d + 1)/\(depth).")
            // Not reset per predictor, as in DSPy.
            var latestScores: [Double] = []
            for slot in slots.indices {
                let candidates = slots.count > 1 ? allCandidates[slot] : latestCandidates[slot]
                for (index, candidate) in candidates.enumerated() {
                    let instruction = Self.cleaned(candidate.instruction), prefix = Self.cleaned(candidate.prefix)
                    update(slot, instruction: instruction, prefix: prefix)
                    log.log("At Depth \(d + 1)/\(depth), Evaluating Prompt Candidate #\(index + 1)/\(candidates.count) for "
                            + "Predictor \(slot + 1) of \(slots.count).")
                    let score: Double
                    do {
                        score = try evaluate(clone).score
                    } catch let error as Interrupted {
                        throw error
                    } catch {
                        throw OptimizerError.candidateFailed(predictor: names[slot], depth: d + 1, candidate: index + 1,
                                                             of: candidates.count, instruction: instruction, error: "\(error)")
                    }
                    totalCalls += 1
                    evaluated[slot].record(COPROCandidate(score: score, program: clone.deepcopy(), instruction: instruction,
                                                          prefix: prefix, depth: d, fieldIdentities: fieldIdentities))
                    if candidates.count - breadth <= index { latestScores.append(score) }
                }
                if trackStats { resultsLatest[slot].append(depth: d, scores: latestScores) }
                // Later predictors are scored with this one at its best.
                let best = evaluated[slot].best!
                update(slot, instruction: best.instruction, prefix: best.prefix)
            }
            if d == depth - 1 { break }

            var newCandidates: [[Proposal]] = []
            for slot in slots.indices {
                let ranked = evaluated[slot].ranked
                if trackStats { resultsBest[slot].append(depth: d, scores: ranked.prefix(10).map(\.score)) }
                let proposals = try propose(Self.generateInstructionGivenAttempts, count: breadth,
                                            inputs: ["attempted_instructions": .array(Self.attempts(ranked, limit: breadth))],
                                            predictor: names[slot], depth: d + 1)
                newCandidates.append(proposals)
                allCandidates[slot] += proposals
            }
            latestCandidates = newCandidates
        }

        if trackStats {
            for slot in slots.indices {
                resultsBest[slot].append(depth: depth - 1, scores: evaluated[slot].ranked.prefix(10).map(\.score))
            }
        }
        let scored: [COPROCandidate<Program>] = evaluated.flatMap { $0.entries }
        let candidates = Self.droppingDuplicates(Self.ranked(scored))
        return COPROResult(
            program: candidates[0].program, candidates: candidates, totalCalls: totalCalls,
            resultsBest: trackStats ? Dictionary(uniqueKeysWithValues: zip(names, resultsBest)) : nil,
            resultsLatest: trackStats ? Dictionary(uniqueKeysWithValues: zip(names, resultsLatest)) : nil)
    }

    /// The best `limit` attempts, worst first: `Instruction #i`, `Prefix #i`, `Resulting Score #i` lines.
    static func attempts<Program>(_ ranked: [COPROCandidate<Program>], limit: Int) -> [JSONValue] {
        let shown = ranked.prefix(limit).reversed()
        return shown.enumerated().flatMap { number, attempt -> [JSONValue] in
            [.string("Instruction #\(number + 1): \(attempt.instruction)"),
             .string("Prefix #\(number + 1): \(attempt.prefix)"),
             .string("Resulting Score #\(number + 1): \(PythonFormat.repr(attempt.score))")]
        }
    }

    /// Asks the prompt model for `count` completions of `signature` at `initTemperature`, in one call with `n`.
    private func propose(
        _ signature: Signature, count: Int, inputs: [String: JSONValue], predictor: String, depth: Int
    ) throws -> [Proposal] {
        let proposer = Predict(signature, config: ["n": .int(count), "temperature": .double(initTemperature)])
        do {
            let prediction = try proposer.call(inputs, lm: promptModel)
            return try (prediction.completions.map { Array($0) } ?? [prediction]).map { completion in
                guard let instruction = completion["proposed_instruction"]?.stringValue,
                      let prefix = completion["proposed_prefix_for_output_field"]?.stringValue else {
                    throw OptimizerError.proposalFailed(predictor: predictor, depth: depth,
                                                        error: "a completion lacks proposed_instruction or its prefix: \(completion)")
                }
                return Proposal(instruction: instruction, prefix: prefix)
            }
        } catch let error as Interrupted {
            throw error
        } catch let error as OptimizerError {
            throw error
        } catch {
            throw OptimizerError.proposalFailed(predictor: predictor, depth: depth, error: "\(error)")
        }
    }

    /// Python's `text.strip('"').strip()`.
    static func cleaned(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while scalars.first == "\"" { scalars.removeFirst() }
        while scalars.last == "\"" { scalars.removeLast() }
        return PythonText.strip(String(scalars))
    }
}
