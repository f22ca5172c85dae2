import DSPy
import JSON

extension MIPROv2Result {
    /// A bar chart of the search's score per trial — full evaluations on the valset in blue (the best dark),
    /// minibatch scores in grey — under `caption` (which model, judge and data).
    public func chart(caption: String = "") -> ScoreChart {
        ScoreChart(title: "MIPROv2: score (%) per trial", caption: caption, axis: "trial",
                   bars: evaluations.map { ScoreChart.Bar(label: "\($0.trial)", score: $0.score, isSecondary: !$0.fullEvaluation) },
                   secondaryMeaning: "minibatch")
    }
}

extension MIPROv2Result: MimeRepresentable {
    /// The chart of scores per trial, with the scores as text.
    public var mimeBundle: [String: JSONValue] { chart().mimeBundle }
}
