import DSPy
import JSON

extension Array where Element == CandidateProgram {
    /// A bar chart of the candidates' validation scores by seed, the best highlighted, under `caption` (which
    /// should say which model, judge and data the scores come from).
    public func chart(caption: String = "") -> SVG {
        let ordered = sorted { $0.seed < $1.seed }
        let best = ordered.map(\.score).max() ?? 0
        let barWidth = 36, gap = 10, height = 160, top = 44
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Swift.max(ordered.count * (barWidth + gap) + gap, 560))" \
            height="\(height + top + 40)" font-family="sans-serif" font-size="11">
            <text x="\(gap)" y="14" font-weight="bold">Validation score (%) per random-search candidate</text>
            <text x="\(gap)" y="30">\(HTML.escaped(caption))</text>

            """
        for (index, candidate) in ordered.enumerated() {
            let x = gap + index * (barWidth + gap)
            let barHeight = Int(Double(height) * candidate.score / 100)
            svg += """
                <rect x="\(x)" y="\(top + height - barHeight)" width="\(barWidth)" height="\(barHeight)" \
                fill="\(candidate.score == best ? "#2b7bb9" : "#9cc3e0")"/>
                <text x="\(x + barWidth / 2)" y="\(top + height - barHeight - 3)" text-anchor="middle">\(candidate.score)</text>
                <text x="\(x + barWidth / 2)" y="\(top + height + 14)" text-anchor="middle">\(candidate.seed)</text>

                """
        }
        return SVG(svg + "<text x=\"\(gap)\" y=\"\(top + height + 32)\">seed</text></svg>")
    }
}

extension Array: MimeRepresentable where Element == CandidateProgram {
    /// An optimizer's candidates (`program.candidatePrograms`) as a bar chart of their scores, with the scores as text.
    public var mimeBundle: [String: JSONValue] {
        ["image/svg+xml": .string(chart().svg),
         "text/plain": .string(sorted { $0.seed < $1.seed }.map { "seed \($0.seed): \($0.score)%" }.joined(separator: "\n"))]
    }
}
