import Foundation

/// What the rules read from a natural-language question: intent words, numbers, quoted values, grouping phrases.
struct Question: Sendable {
    enum Aggregate: String, Sendable, Hashable, CaseIterable { case count = "COUNT", sum = "SUM", avg = "AVG", min = "MIN", max = "MAX" }
    enum Verb: Sendable, Hashable { case select, delete, update, insert }
    enum Comparison: String, Sendable, Hashable { case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=" }

    let text: String
    let lowered: String
    /// Singular lowercased words, in order.
    let words: [String]
    var verb: Verb
    /// The aggregate the wording asks for, if any.
    var aggregate: Aggregate?
    /// "highest"/"most" (true) or "lowest"/"least" (false) when the question ranks rows.
    var ranksDescending: Bool?
    /// N of "top N" / "N most"; nil when the question does not ask for several ranked rows.
    var topN: Int?
    var distinct: Bool
    let years: [Int]
    /// Numbers compared with "more than", "over", "at least", … and the word index where they appear.
    let comparisons: [(comparison: Comparison, value: Double, position: Int)]
    let quoted: [String]
    /// Words after "by", "per", "each", "for every", one list per phrase: what to group by.
    let groupPhrases: [[String]]
    var groupWords: [String] { groupPhrases.flatMap { $0 } }

    init(_ text: String) {
        self.text = text
        lowered = text.lowercased()
        let words = Words.textWords(text)
        self.words = words
        let lowered = self.lowered
        func has(_ phrases: String...) -> Bool { phrases.contains { lowered.range(of: "\\b\($0)\\b", options: .regularExpression) != nil } }

        switch words.first {
        case "delete", "remove": verb = .delete
        case "update", "change", "set", "modify", "increase", "decrease": verb = .update
        case "insert", "add": verb = .insert
        default: verb = .select
        }

        // Modifiers of "number of" come first: "average number of X" is an average, not a count.
        if has("average", "mean", "avg") {
            aggregate = .avg
        } else if has("minimum", "min", "lowest", "smallest", "fewest", "least", "cheapest", "shortest", "earliest") {
            aggregate = .min
        } else if has("maximum", "max", "highest", "largest", "biggest", "greatest", "most expensive", "longest", "latest") {
            aggregate = .max
        } else if has("how many", "number of", "count of", "^count") {
            aggregate = has("total number of", "total count") && !has("how many") ? .sum : .count
        } else if has("total", "sum", "combined", "in total") {
            aggregate = .sum
        } else {
            aggregate = nil
        }
        if has("highest", "most", "largest", "biggest", "greatest", "top", "maximum", "longest", "latest", "best") {
            ranksDescending = true
        } else if has("lowest", "least", "smallest", "fewest", "bottom", "minimum", "shortest", "earliest", "worst") {
            ranksDescending = false
        } else {
            ranksDescending = nil
        }
        topN = Self.firstNumber(after: ["top", "first", "bottom"], in: words)
            ?? Self.numberBefore(["most", "highest", "largest", "lowest", "least", "biggest", "smallest"], in: words)
        distinct = has("unique", "distinct", "different")
        years = words.compactMap { Int($0) }.filter { (1900...2100).contains($0) }

        var comparisons: [(Comparison, Double, Int)] = []
        for (index, word) in words.enumerated() {
            guard let value = Double(word) else { continue }
            let before = words[max(0, index - 3)..<index].joined(separator: " ")
            if index > 0, words[index - 1] == "between", index + 2 < words.count, words[index + 1] == "and",
               let upper = Double(words[index + 2]) {
                comparisons.append((.greaterOrEqual, value, index))
                comparisons.append((.lessOrEqual, upper, index + 2))
                continue
            }
            if index > 1, words[index - 2] == "between" { continue }
            let comparison: Comparison?
            if before.hasSuffix("at least") || before.hasSuffix("since") || before.hasSuffix("or more") { comparison = .greaterOrEqual }
            else if before.hasSuffix("at most") { comparison = .lessOrEqual }
            else if ["more than", "greater than", "over", "above", "higher than", "larger than", "exceeding", "exceed", "after"]
                .contains(where: before.hasSuffix) { comparison = .greater }
            else if ["less than", "fewer than", "under", "below", "lower than", "smaller than", "before"]
                .contains(where: before.hasSuffix) { comparison = .less }
            else { comparison = nil }
            if let comparison { comparisons.append((comparison, value, index)) }
        }
        self.comparisons = comparisons
        quoted = Self.quotedStrings(text)

        var groupPhrases: [[String]] = []
        // "won by female directors" is an agent, not a grouping: skip "by" after a participle.
        let passive: Set<String> = ["won", "made", "held", "run", "owned", "operated", "used", "produced", "released",
                                    "caused", "generated", "written", "built", "done", "sold", "given", "taken"]
        for (index, word) in words.enumerated() where ["by", "per", "each", "every"].contains(word) {
            if word == "by", index > 0, passive.contains(words[index - 1]) || words[index - 1].hasSuffix("ed") { continue }
            let following = words[(index + 1)...].prefix(3).prefix { !["in", "for", "with", "and", "where", "that", "from"].contains($0) }
            let phrase = following.filter { !Words.stopWords.contains($0) && Int($0) == nil }
            if !phrase.isEmpty { groupPhrases.append(Array(phrase)) }
        }
        self.groupPhrases = groupPhrases
    }

    private static func firstNumber(after markers: Set<String>, in words: [String]) -> Int? {
        for (index, word) in words.enumerated().dropLast() where markers.contains(word) {
            if let value = Int(words[index + 1]) ?? spelled[words[index + 1]] { return value }
        }
        return nil
    }

    private static func numberBefore(_ markers: Set<String>, in words: [String]) -> Int? {
        for (index, word) in words.enumerated().dropFirst() where markers.contains(word) {
            if let value = Int(words[index - 1]) ?? spelled[words[index - 1]], value < 100 { return value }
        }
        return nil
    }

    private static let spelled = ["two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                                  "nine": 9, "ten": 10]

    private static func quotedStrings(_ text: String) -> [String] {
        var result: [String] = []
        for pattern in [#"(?:^|[\s(])'([^']{1,80})'(?![A-Za-z])"#, #""([^"]{1,80})""#] {
            let regex = try? NSRegularExpression(pattern: pattern)
            let range = NSRange(text.startIndex..., in: text)
            for match in regex?.matches(in: text, range: range) ?? [] {
                if let inner = Range(match.range(at: 1), in: text) { result.append(String(text[inner])) }
            }
        }
        return result
    }
}
