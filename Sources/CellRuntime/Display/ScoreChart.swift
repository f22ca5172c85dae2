import JSON

/// A bar chart of scores in percent, one labelled bar each, the best highlighted: the chart optimizers' candidates
/// and trials show as (`candidatePrograms.chart()`, `MIPROv2Result.chart()`).
public struct ScoreChart: Sendable {
    /// One bar: its label under the axis, its score (0–100), and whether it is drawn pale (say, a minibatch score).
    public struct Bar: Sendable {
        public var label: String
        public var score: Double
        public var isSecondary: Bool

        public init(label: String, score: Double, isSecondary: Bool = false) {
            self.label = label
            self.score = score
            self.isSecondary = isSecondary
        }
    }

    public var title: String
    /// Which model, judge and data the scores come from.
    public var caption: String
    /// What the labels are ("seed", "trial").
    public var axis: String
    public var bars: [Bar]
    /// What pale bars mean, shown in the legend line when any bar is pale.
    public var secondaryMeaning: String

    public init(title: String, caption: String = "", axis: String, bars: [Bar], secondaryMeaning: String = "") {
        self.title = title
        self.caption = caption
        self.axis = axis
        self.bars = bars
        self.secondaryMeaning = secondaryMeaning
    }

    /// The chart's SVG markup: the best primary bar dark, the other primary bars light, secondary bars grey.
    public var svg: String {
        let best = bars.filter { !$0.isSecondary }.map(\.score).max()
        let barWidth = 36, gap = 10, height = 160, top = 44
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Swift.max(bars.count * (barWidth + gap) + gap, 560))" \
            height="\(height + top + 40)" font-family="sans-serif" font-size="11">
            <text x="\(gap)" y="14" font-weight="bold">\(HTML.escaped(title))</text>
            <text x="\(gap)" y="30">\(HTML.escaped(caption))</text>

            """
        for (index, bar) in bars.enumerated() {
            let x = gap + index * (barWidth + gap)
            let barHeight = Int(Double(height) * Swift.min(Swift.max(bar.score, 0), 100) / 100)
            let fill = bar.isSecondary ? "#c8c8c8" : bar.score == best ? "#2b7bb9" : "#9cc3e0"
            svg += """
                <rect x="\(x)" y="\(top + height - barHeight)" width="\(barWidth)" height="\(barHeight)" fill="\(fill)"/>
                <text x="\(x + barWidth / 2)" y="\(top + height - barHeight - 3)" text-anchor="middle">\(bar.score)</text>
                <text x="\(x + barWidth / 2)" y="\(top + height + 14)" text-anchor="middle">\(HTML.escaped(bar.label))</text>

                """
        }
        let legend = bars.contains(where: \.isSecondary) && !secondaryMeaning.isEmpty ? " (grey: \(secondaryMeaning))" : ""
        return svg + "<text x=\"\(gap)\" y=\"\(top + height + 32)\">\(HTML.escaped(axis + legend))</text></svg>"
    }

    /// One line per bar: label, score, and the secondary meaning where it applies.
    public var text: String {
        bars.map { "\(axis) \($0.label): \($0.score)%" + ($0.isSecondary ? " (\(secondaryMeaning))" : "") }
            .joined(separator: "\n")
    }
}

extension ScoreChart: MimeRepresentable {
    public var mimeBundle: [String: JSONValue] { ["image/svg+xml": .string(svg), "text/plain": .string(text)] }
}
