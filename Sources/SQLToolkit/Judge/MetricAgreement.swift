/// How often the study's LM judge and execution accuracy agree on the same predictions.
///
/// Examples whose gold query fails (`gold_error`) have no execution verdict and are left out; a `pred_error`
/// counts as "not correct" for execution.
public struct MetricAgreement: Sendable, Equatable, CustomStringConvertible {
    /// Both said correct.
    public private(set) var bothCorrect = 0
    /// Both said incorrect.
    public private(set) var bothIncorrect = 0
    /// The judge said correct, execution did not.
    public private(set) var onlyJudgeCorrect = 0
    /// Execution said correct, the judge did not.
    public private(set) var onlyExecutionCorrect = 0
    /// Examples left out because their gold query failed.
    public private(set) var goldErrors = 0

    public init() {}

    /// Builds the table from paired verdicts.
    public init(_ pairs: some Sequence<(judge: Bool, execution: Verdict)>) {
        for pair in pairs { add(judge: pair.judge, execution: pair.execution) }
    }

    /// Adds one example.
    public mutating func add(judge: Bool, execution: Verdict) {
        if case .goldError = execution {
            goldErrors += 1
            return
        }
        switch (judge, execution.isMatch) {
        case (true, true): bothCorrect += 1
        case (false, false): bothIncorrect += 1
        case (true, false): onlyJudgeCorrect += 1
        case (false, true): onlyExecutionCorrect += 1
        }
    }

    /// Examples compared.
    public var total: Int { bothCorrect + bothIncorrect + onlyJudgeCorrect + onlyExecutionCorrect }
    /// Share of examples on which both metrics agree (0 when there are none).
    public var agreement: Double { total == 0 ? 0 : Double(bothCorrect + bothIncorrect) / Double(total) }
    /// The judge's score: share it called correct.
    public var judgeScore: Double { total == 0 ? 0 : Double(bothCorrect + onlyJudgeCorrect) / Double(total) }
    /// Execution accuracy on the same examples.
    public var executionScore: Double { total == 0 ? 0 : Double(bothCorrect + onlyExecutionCorrect) / Double(total) }

    /// Cohen's kappa: agreement corrected for chance (1 perfect, 0 chance level); nil when chance agreement is total.
    public var cohensKappa: Double? {
        guard total > 0 else { return nil }
        let n = Double(total)
        let chance = judgeScore * executionScore + (1 - judgeScore) * (1 - executionScore)
        guard chance < 1 else { return nil }
        return (Double(bothCorrect + bothIncorrect) / n - chance) / (1 - chance)
    }

    public var description: String {
        func percent(_ value: Double) -> String { "\((value * 1000).rounded() / 10)%" }
        let kappa = cohensKappa.map { "\(($0 * 100).rounded() / 100)" } ?? "n/a"
        return """
            judge \(percent(judgeScore)) vs execution \(percent(executionScore)) on \(total) examples: \
            agreement \(percent(agreement)), Cohen's kappa \(kappa) \
            (both correct \(bothCorrect), both incorrect \(bothIncorrect), only judge \(onlyJudgeCorrect), \
            only execution \(onlyExecutionCorrect)\(goldErrors > 0 ? ", \(goldErrors) gold errors left out" : ""))
            """
    }
}
