import Foundation

/// Word splitting and light stemming shared by the question reader, the schema matcher and demo similarity.
enum Words {
    /// Lowercased singular words of an identifier: `servicesProvided`, `services_provided` → ["service", "provided"].
    static func identifierWords(_ identifier: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in identifier {
            if !(character.isLetter || character.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if character.isUppercase, let previous, previous.isLowercase {
                words.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words.map { singular($0.lowercased()) }
    }

    /// Lowercased singular words of free text, in order.
    /// Numbers keep their decimals and lose thousands separators and currency: "$1,500.50" → "1500.50".
    static func textWords(_ text: String) -> [String] {
        let normalized = text.lowercased()
            .replacingOccurrences(of: #"(?<=\d),(?=\d{3}\b)"#, with: "", options: .regularExpression)
        var words: [String] = []
        var current = ""
        var previous: Character = " "
        for (index, character) in normalized.enumerated() {
            let next = normalized.dropFirst(index + 1).first ?? " "
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == ".", previous.isNumber, next.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words.map { singular($0) }
    }

    /// A crude singular form, enough to match "services" with `service` and "countries" with `country`.
    static func singular(_ word: String) -> String {
        if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.count > 4, ["ches", "shes", "sses", "xes"].contains(where: word.hasSuffix) { return String(word.dropLast(2)) }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return word
    }

    /// Words that carry no schema meaning.
    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "in", "on", "for", "to", "by", "and", "or", "with", "from", "at", "is", "are", "wa",
        "were", "be", "been", "what", "which", "who", "whom", "how", "many", "much", "list", "show", "find", "get",
        "give", "display", "return", "that", "this", "these", "those", "their", "its", "it", "there", "each", "per",
        "all", "any", "than", "more", "le", "number", "total", "average", "count", "sum", "have", "ha", "had", "do",
        "doe", "did", "where", "when", "me", "we", "our", "us", "between", "into", "among", "across", "during",
        "top", "most", "least", "highest", "lowest", "maximum", "minimum", "max", "min", "not",
    ]

    /// Similarity of two word lists (Jaccard over sets).
    static func jaccard(_ left: [String], _ right: [String]) -> Double {
        let a = Set(left), b = Set(right)
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }
}
