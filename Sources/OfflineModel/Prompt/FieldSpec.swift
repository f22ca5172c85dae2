import Foundation

/// A signature field as a prompt describes it: its name, its declared type and its description.
public struct FieldSpec: Sendable, Hashable {
    /// The field name, e.g. `sql_prompt`.
    public var name: String
    /// The type as written in the prompt, e.g. `str`, `bool`, `list[str]`, `Literal['a', 'b']`.
    public var type: String
    /// The field description; empty when the prompt gives none.
    public var description: String

    public init(name: String, type: String = "str", description: String = "") {
        self.name = name
        self.type = type
        self.description = description
    }

    /// The value kinds the offline model knows how to write.
    public enum Kind: Sendable, Hashable {
        case text, bool, int, float, list, dictionary
        case literal([String])
    }

    /// The kind of value the field expects, read from its declared type.
    public var kind: Kind {
        let lowered = type.lowercased().trimmingCharacters(in: .whitespaces)
        if lowered.hasPrefix("literal[") {
            let options = type.dropFirst("literal[".count).dropLast()
                .split(separator: ",")
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
            return .literal(options)
        }
        switch lowered {
        case "bool": return .bool
        case "int": return .int
        case "float": return .float
        default:
            if lowered.hasPrefix("list") { return .list }
            if lowered.hasPrefix("dict") { return .dictionary }
            return .text
        }
    }
}
