import JSON

/// One training example's bootstrap: the outcome of each round tried, stopping at the first success.
struct BootstrapAttempt: Sendable {
    enum Round: Sendable {
        /// The metric accepted the trace; the demos it yields, one per predictor called.
        case success([(name: String, demo: Example)])
        case rejected
        case failed(String)
    }

    var rounds: [Round]
}

/// The teacher side of a bootstrap: runs the teacher on one training example, as DSPy's `_bootstrap_one_example`.
/// Immutable and shared by the threads that bootstrap different examples.
struct BootstrapTeacher: Sendable {
    let teacher: SharedModule
    let trainset: [Example]
    let metric: Metric?
    let metricThreshold: Double?
    let maxRounds: Int
    let teacherLM: (any LanguageModel)?

    /// Tries `trainset[index]` for up to `maxRounds` rounds. Only `Interrupted` escapes; other errors are outcomes.
    func attempt(_ index: Int) throws -> BootstrapAttempt {
        let example = trainset[index]
        var rounds: [BootstrapAttempt.Round] = []
        for round in 0..<maxRounds {
            try Interruption.check()
            let outcome = try self.round(round, example: example)
            rounds.append(outcome)
            if case .success = outcome { break }
        }
        return BootstrapAttempt(rounds: rounds)
    }

    private func round(_ round: Int, example: Example) throws -> BootstrapAttempt.Round {
        // A private copy per attempt: DSPy removes the example from the teacher's demos for the call, which
        // threads sharing one teacher could not do.
        let teacher = self.teacher.module.deepcopy()
        for predictor in teacher.predictors() { predictor.demos = predictor.demos.filter { $0 != example } }
        let names = Dictionary(teacher.namedPredictors().map { (ObjectIdentifier($0.1), $0.0) }, uniquingKeysWith: { a, _ in a })
        let trace = TraceLog()
        let baseLM = teacherLM ?? Settings.current.lm
        // Later rounds use a fresh rollout at temperature 1.0 to get past the cache, as DSPy does.
        let roundLM: (any LanguageModel)? = round > 0 ? baseLM.map { RolloutModel(base: $0, rolloutID: round) } : baseLM
        do {
            // The metric runs with the teacher's settings but not the round's LM, as in DSPy.
            let (entries, success) = try context(lm: baseLM, trace: trace) {
                let prediction = try context(lm: roundLM) { try teacher(example.inputs()) }
                let entries = trace.all
                guard let metric else { return (entries, true) }
                let value = try metric(example, prediction, entries)
                return (entries, metricThreshold.map { value >= $0 } ?? (value != 0))
            }
            guard success else { return .rejected }
            let named = entries.compactMap { entry in names[ObjectIdentifier(entry.predictor)].map { (name: $0, entry: entry) } }
            let demos = TraceDemos.demos(of: named)
            return .success(demos)
        } catch let error as Interrupted {
            throw error
        } catch {
            return .failed("\(error)")
        }
    }
}

/// An LM that sends a rollout id and temperature 1.0 with every call unless the call sets them, like DSPy's
/// `lm.copy(rollout_id=..., temperature=1.0)`; the rollout id makes the cache key differ. With a nil temperature
/// only the rollout id is added (SIMBA's teacher, whose `kwargs["rollout_id"]` DSPy sets).
struct RolloutModel: LanguageModel {
    let base: any LanguageModel
    let rolloutID: Int
    var temperature: Double? = 1.0

    var model: String { base.model }

    func generate(messages: [ChatMessage], config: [String: JSONValue]) throws -> [String] {
        try base.generate(messages: messages, config: withDefaults(config))
    }

    func generateReplies(messages: [ChatMessage], config: [String: JSONValue]) throws -> [LMReply] {
        try base.generateReplies(messages: messages, config: withDefaults(config))
    }

    private func withDefaults(_ config: [String: JSONValue]) -> [String: JSONValue] {
        var defaults: [String: JSONValue] = ["rollout_id": .int(rolloutID)]
        if let temperature { defaults["temperature"] = .double(temperature) }
        return defaults.merging(config) { _, call in call }
    }
}
