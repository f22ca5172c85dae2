import JSON

/// SIMBA's two ways of improving a candidate from one bucket of runs (DSPy's `simba_utils.py`).
extension SIMBA {
    /// What both strategies read besides the bucket.
    struct StrategyContext {
        /// The names of the predictors of every program run in this step, by identity.
        var predictorNames: [ObjectIdentifier: String]
        var percentile10: Double
        var percentile90: Double
        var promptModel: (any LanguageModel)?
    }

    /// A strategy's failure as Python raises it, logged as "Strategy failed with error: …".
    struct StrategyFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// DSPy's `append_a_demo`: each predictor's last call in the best run becomes a demo of that predictor (long
    /// inputs truncated), unless that run is no better than the batch's 10th percentile.
    func appendDemo(_ bucket: [SIMBARun], to system: Module, _ context: StrategyContext) {
        let log = Presentation.presenter
        let good = bucket[0]
        guard good.score.number > context.percentile10 else {
            log.log("Skipping appending a demo as good score \(good.score.shown) is at or below the 10th percentile.")
            return
        }
        var names: [String] = []
        var demos: [String: Example] = [:]
        for entry in good.trace {
            let inputs = entry.inputs.items().map { name, value -> (String, JSONValue) in
                let text = value.pythonStr
                guard demoInputFieldMaxlen > 0, text.unicodeScalars.count > demoInputFieldMaxlen else { return (name, value) }
                let kept = String(String.UnicodeScalarView(text.unicodeScalars.prefix(demoInputFieldMaxlen)))
                return (name, .string(kept + "\n\t\t... <TRUNCATED FOR BREVITY>"))
            }
            guard let name = context.predictorNames[ObjectIdentifier(entry.predictor)] else { continue }
            if demos[name] == nil { names.append(name) }
            demos[name] = Example(fields: [("augmented", JSONValue.bool(true))] + inputs + entry.prediction.items())
        }
        let predictors = Dictionary(system.namedPredictors(), uniquingKeysWith: { first, _ in first })
        for name in names { predictors[name]?.demos.append(demos[name]!) }
        log.log("Added \(names.count) demos (one each) across all predictors.")
    }

    /// DSPy's `append_a_rule`: the prompt model compares the best and worst runs and advises each predictor; the
    /// advice is appended to its instructions. Skipped unless the best run beats the 10th percentile and the worst
    /// stays below the 90th.
    /// - Throws: the prompt model's or adapter's error; `StrategyFailure` when the best run has no prediction.
    func appendRule(_ bucket: [SIMBARun], to system: Module, _ context: StrategyContext) throws {
        let log = Presentation.presenter
        var good = bucket[0], bad = bucket[bucket.count - 1]
        guard good.score.number > context.percentile10, bad.score.number < context.percentile90 else {
            log.log("Skipping rule generation as good score \(good.score.shown) is at or below the 10th percentile "
                    + "*or* bad score \(bad.score.shown) is at or above the 90th percentile.")
            return
        }
        if good.score.number <= bad.score.number {
            if good.score.number > context.percentile90 { bad = bad.withoutOutcome() } else { good = good.withoutOutcome() }
        }
        guard let goodPrediction = good.prediction else { throw StrategyFailure(description: "'NoneType' object is not iterable") }
        let example = good.example
        let names = system.namedPredictors().map(\.0)
        let inputs: [String: JSONValue] = [
            "program_code": .string((type(of: system) as? any ProgramSource.Type)?.sourceCode ?? String(describing: type(of: system))),
            "modules_defn": .string(Self.moduleDefinitions(system)),
            "program_inputs": .string(OrderedJSON.fields(try example.inputs().items()).dumped),
            "oracle_metadata": .string(OrderedJSON.fields(try example.labels().items()).dumped),
            "better_program_trajectory": .string(trajectory(good, context).dumped),
            "better_program_outputs": .string(OrderedJSON.fields(goodPrediction.items()).dumped),
            "worse_program_trajectory": .string(trajectory(bad, context).dumped),
            "worse_program_outputs": .string(OrderedJSON.fields(bad.prediction?.items() ?? []).dumped),
            "worse_reward_value": .string(bad.score.dumped),
            "better_reward_value": .string(good.score.dumped),
            // A Swift metric returns a number only, so there is no further reward information (DSPy's metrics
            // may return a Prediction whose other fields land here).
            "worse_reward_info": "{}",
            "better_reward_info": "{}",
            "module_names": .string(OrderedJSON.array(names.map { .value(.string($0)) }).dumped),
        ]
        let advice = try dspyContext(lm: context.promptModel, trace: TraceLog()) {
            try Predict(Self.offerFeedback).call(inputs)["module_advice"]
        }
        for (name, predictor) in system.namedPredictors() {
            guard let text = advice?[name]?.pythonStr else { continue }
            log.log("Advice for \(name): \(text)")
            predictor.signature = predictor.signature.withInstructions(predictor.signature.instructions + "\n\n" + text)
        }
    }

    /// The run's calls of known predictors as `{module_name, inputs, outputs}` objects.
    private func trajectory(_ run: SIMBARun, _ context: StrategyContext) -> OrderedJSON {
        .array(run.trace.compactMap { entry in
            context.predictorNames[ObjectIdentifier(entry.predictor)].map { name in
                .object([("module_name", .value(.string(name))), ("inputs", .fields(entry.inputs.items())),
                         ("outputs", .fields(entry.prediction.items()))])
            }
        })
    }

    /// DSPy's `inspect_modules`: each predictor's fields and instructions between lines of 80 dashes.
    static func moduleDefinitions(_ program: Module) -> String {
        let separator = String(repeating: "-", count: 80)
        func indented(_ text: String) -> String { PythonText.splitLines(text).map { "\n\t\t" + $0 }.joined() }
        var output = [separator]
        for (name, predictor) in program.namedPredictors() {
            let signature = predictor.signature
            output.append("Module \(name)")
            output.append("\n\tInput Fields:")
            output.append(indented(FieldFormatting.descriptions(signature.inputFields)))
            output.append("\tOutput Fields:")
            output.append(indented(FieldFormatting.descriptions(signature.outputFields)))
            output.append("\tOriginal Instructions: \(indented(PythonText.dedent(signature.instructions)))")
            output.append(separator)
        }
        return output.map(Self.strippingNewlines).joined(separator: "\n")
    }

    /// Python's `text.strip("\n")`.
    private static func strippingNewlines(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while scalars.first == "\n" { scalars.removeFirst() }
        while scalars.last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}

/// `context(lm:trace:)` under a name that does not clash with `SIMBA.StrategyContext` values named `context`.
private func dspyContext<T>(lm: (any LanguageModel)?, trace: TraceLog, _ body: () throws -> T) rethrows -> T {
    try context(lm: lm, trace: trace, body)
}
