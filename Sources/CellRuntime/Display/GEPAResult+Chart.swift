import DSPy
import JSON

extension GEPAResult {
    /// A bar chart of every candidate's average validation score, in the order GEPA found them (0 is the program it
    /// started from), the best highlighted, under `caption` (which model, judge and data).
    public func chart(caption: String = "") -> ScoreChart {
        ScoreChart(title: "GEPA: validation score (%) per candidate", caption: caption, axis: "candidate",
                   bars: valAggregateScores.enumerated().map { ScoreChart.Bar(label: "\($0.offset)", score: $0.element * 100) })
    }
}

extension GEPAResult: MimeRepresentable {
    /// The chart of scores per candidate, with the scores as text.
    public var mimeBundle: [String: JSONValue] { chart().mimeBundle }
}
