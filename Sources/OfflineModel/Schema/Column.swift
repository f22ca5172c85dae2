import SQLite

/// A column of a table in the prompt's context, with what the rules need to know of its values.
struct Column: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case number, text, date, boolean }

    var name: String
    var declaredType: String
    var kind: Kind
    /// The words of the name, lowercased and singular: `services_provided` → ["service", "provided"].
    var words: [String]

    init(name: String, declaredType: String, values: [SQLiteValue]) {
        self.name = name
        self.declaredType = declaredType
        self.words = Words.identifierWords(name)
        let type = declaredType.uppercased()
        if type.contains("BOOL") {
            kind = .boolean
        } else if type.contains("DATE") || type.contains("TIME") {
            kind = .date
        } else if ["INT", "DEC", "NUM", "REAL", "FLOAT", "DOUBLE", "MONEY"].contains(where: type.contains) {
            kind = .number
        } else if !values.isEmpty, values.allSatisfy({ value in
            if case .text(let text) = value { return Double(text) != nil }
            return value != .null
        }) {
            kind = .number
        } else {
            kind = .text
        }
    }

    /// True for identifier-like columns (`id`, `customer_id`) that are rarely what a question asks for.
    var isKey: Bool { words.last == "id" || name.lowercased() == "id" }
}
