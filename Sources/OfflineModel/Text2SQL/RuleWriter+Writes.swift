import Foundation

extension RuleWriter {
    /// The column an UPDATE changes and its new value: "increase X … by 10%" → `X * 1.1`, "by 2" → `X + 2`,
    /// "set X … to V" → V.
    func updateAssignment(primary: Table, used: Set<QueryPlan.ColumnRef>) -> (QueryPlan.ColumnRef, String)? {
        let match = SchemaMatch(question: question, context: context)
        let lowered = question.lowered
        if let amount = firstCapture(#"\bby\s+(\d+(?:\.\d+)?)\s*(%|percent)?"#, in: lowered),
           let target = match.bestColumn(in: [primary], kinds: [.number], excluding: used) {
            let name = target.ref.column.name
            let number = Double(amount.value) ?? 0
            let decreasing = ["decrease", "reduce", "lower", "cut"].contains(where: lowered.hasPrefix)
            if amount.percent {
                let factor = decreasing ? 1 - number / 100 : 1 + number / 100
                return (target.ref, "\(name) * \(factor)")
            }
            return (target.ref, "\(name) \(decreasing ? "-" : "+") \(amount.value)")
        }
        guard let target = match.bestColumn(in: [primary], kinds: [.number, .text, .date], excluding: used) else { return nil }
        if let value = firstCapture(#"\bto\s+'([^']*)'"#, in: question.text)?.value {
            return (target.ref, QueryPlan.literal(value))
        }
        if let value = firstCapture(#"\bto\s+(-?\d+(?:\.\d+)?)"#, in: lowered)?.value {
            return (target.ref, value)
        }
        return question.quoted.last.map { (target.ref, QueryPlan.literal($0)) }
    }

    /// Values for every column of the table, read from "<column words> <value>" in the question ("with id 11 named
    /// 'Yoga Mat' for store 4, with category Electronics and unit price 64.99"); NULL where the question has none.
    func insertValues(into table: Table) -> [(column: String, value: String)] {
        table.columns.map { column in
            let parts = column.name.split(separator: "_").map { $0.lowercased() }
            var phrases = [parts.joined(separator: " ")]
            if parts.count > 1, parts.last == "id" { phrases.append(parts.dropLast().joined(separator: " ")) }
            if column.words.last == "name" { phrases.insert("named", at: 0) }
            if let first = parts.first, !phrases.contains(first) { phrases.append(first) }
            for phrase in phrases {
                let escaped = NSRegularExpression.escapedPattern(for: phrase)
                let pattern = column.kind == .number
                    ? #"(?i)\b"# + escaped + #"\b(?:\s+[a-z]+){0,3}?\s+(-?\d+(?:\.\d+)?)"#
                    : #"(?i)\b"# + escaped + #"\s+(?:'([^']*)'|([A-Za-z][\w-]*))"#
                if let value = firstCapture(pattern, in: question.text)?.value {
                    return (column.name, column.kind == .number ? value : QueryPlan.literal(value))
                }
            }
            return (column.name, "NULL")
        }
    }

    /// The first non-empty capture group of the first match, and whether a percent sign (group 2) followed.
    private func firstCapture(_ pattern: String, in text: String) -> (value: String, percent: Bool)? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        var groups: [String] = []
        for index in 1..<match.numberOfRanges {
            groups.append(Range(match.range(at: index), in: text).map { String(text[$0]) } ?? "")
        }
        guard let value = groups.first(where: { !$0.isEmpty }) else { return nil }
        let percent = groups.count > 1 && ["%", "percent"].contains(groups[1]) && pattern.contains("percent")
        return (value, percent)
    }
}
