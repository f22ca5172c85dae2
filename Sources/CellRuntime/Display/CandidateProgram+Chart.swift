import DSPy
import JSON

extension Array where Element == CandidateProgram {
    /// A bar chart of the candidates' validation scores by seed, the best highlighted, under `caption` (which
    /// should say which model, judge and data the scores come from).
    public func chart(caption: String = "") -> ScoreChart {
        ScoreChart(title: "Validation score (%) per random-search candidate", caption: caption, axis: "seed",
                   bars: sorted { $0.seed < $1.seed }.map { ScoreChart.Bar(label: "\($0.seed)", score: $0.score) })
    }
}

extension Array: MimeRepresentable where Element == CandidateProgram {
    /// An optimizer's candidates (`program.candidatePrograms`) as a bar chart of their scores, with the scores as text.
    public var mimeBundle: [String: JSONValue] { chart().mimeBundle }
}
