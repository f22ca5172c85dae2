import JSON

/// One example to grade: its context, gold query and predicted query (nil when the prediction is missing).
public struct GradingItem: Sendable, Equatable {
    /// The example's id (`id` field, or its 0-based line number).
    public var id: JSONValue
    public var context: String
    public var gold: String
    public var predicted: String?

    public init(id: JSONValue, context: String, gold: String, predicted: String?) {
        self.id = id
        self.context = context
        self.gold = gold
        self.predicted = predicted
    }
}

/// The verdicts of a graded set and its execution accuracy.
public struct GradeReport: Sendable, Equatable {
    /// One graded example.
    public struct Row: Sendable, Equatable {
        public var id: JSONValue
        public var verdict: Verdict
    }

    /// The verdicts, in the order of the graded items.
    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Examples graded, gold errors included.
    public var total: Int { rows.count }
    /// Examples whose prediction matched.
    public var matched: Int { rows.count { $0.verdict.isMatch } }
    /// Examples whose gold query could not run (excluded from the accuracy).
    public var goldErrors: Int { rows.count { if case .goldError = $0.verdict { true } else { false } } }
    /// Examples whose prediction could not run.
    public var predErrors: Int { rows.count { if case .predError = $0.verdict { true } else { false } } }
    /// Examples whose prediction ran with a different result.
    public var mismatched: Int { rows.count { if case .mismatch = $0.verdict { true } else { false } } }

    /// Matched over graded examples whose gold query ran; 0 when there are none.
    public var accuracy: Double {
        let scored = total - goldErrors
        return scored == 0 ? 0 : Double(matched) / Double(scored)
    }

    /// The report as JSON: `{"total", "matched", "gold_errors", "accuracy", "rows": [{"id", "verdict", "detail"}]}`.
    public var json: JSONValue {
        .object([
            "total": .int(total),
            "matched": .int(matched),
            "gold_errors": .int(goldErrors),
            "pred_errors": .int(predErrors),
            "accuracy": .double(accuracy),
            "rows": .array(rows.map { row in
                .object(["id": row.id, "verdict": .string(row.verdict.name), "detail": .string(row.verdict.detail)])
            }),
        ])
    }

    /// One line: `execution accuracy 71.3% (107/150; 2 gold errors excluded, 12 prediction errors)`.
    public var summary: String {
        let percent = (accuracy * 1000).rounded() / 10
        return "execution accuracy \(percent)% (\(matched)/\(total - goldErrors); \(goldErrors) gold errors excluded, \(predErrors) prediction errors, \(mismatched) mismatches)"
    }
}
