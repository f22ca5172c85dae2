import JSON

extension Evaluate {
    /// DSPy's result table: the example's fields, the prediction's (prefixed `example_`/`pred_` where names clash),
    /// and the metric's score, each cell cut to 25 words.
    func table(_ result: EvaluationResult, rows limit: Int) -> ResultTable {
        var columns: [String] = []
        func add(_ name: String) { if !columns.contains(name) { columns.append(name) } }
        let rows = result.results.prefix(limit).map { row -> [String: String] in
            var cells: [String: String] = [:]
            let exampleKeys = Set(row.example.keys())
            let predictionKeys = Set(row.prediction.keys())
            for (key, value) in row.example.items() {
                let name = predictionKeys.contains(key) ? "example_\(key)" : key
                add(name)
                cells[name] = Self.truncate(value.pythonStr)
            }
            for (key, value) in row.prediction.items() {
                let name = exampleKeys.contains(key) ? "pred_\(key)" : key
                add(name)
                cells[name] = Self.truncate(value.pythonStr)
            }
            cells[metric.name] = metricCell(row.score)
            return cells
        }
        add(metric.name)
        return ResultTable(columns: columns, rows: rows.map { cells in columns.map { cells[$0] ?? "" } },
                           omittedRows: result.results.count - min(limit, result.results.count))
    }

    private func metricCell(_ score: Double) -> String {
        metric.isBoolean ? "✔️ [\(score != 0 ? "True" : "False")]" : "✔️ [\(String(format: "%.3f", score))]"
    }

    static func truncate(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.count > 25 ? words.prefix(25).joined(separator: " ") + "..." : text
    }
}
