import JSON

/// One input or output field of a signature: its name, type, description and prompt prefix.
public struct SignatureField: Hashable, Sendable {
    /// Whether the field is given to the model or produced by it.
    public enum Kind: String, Hashable, Sendable {
        case input, output
    }

    public var name: String
    public var kind: Kind
    public var type: FieldType
    /// The description shown in prompts; DSPy's placeholder `${name}` when none was given.
    public var desc: String
    /// The prefix (`"Sql Prompt:"` by default); unused by the chat adapters, kept for saved programs and the
    /// DSPy 2.4 text template.
    public var prefix: String

    /// A field with DSPy's defaults: the description `${name}` and a prefix inferred from the name.
    public init(name: String, kind: Kind, type: FieldType = .string, desc: String? = nil, prefix: String? = nil) {
        self.name = name
        self.kind = kind
        self.type = type
        self.desc = desc ?? "${\(name)}"
        self.prefix = prefix ?? Self.inferPrefix(name) + ":"
    }

    /// Whether `desc` is DSPy's placeholder rather than a given description.
    public var hasDefaultDescription: Bool { desc == "${\(name)}" }
}

/// An input field for a declarative signature, like Python's `dspy.InputField(desc=...)`.
public func InputField(_ name: String, desc: String? = nil, prefix: String? = nil, type: FieldType = .string) -> SignatureField {
    SignatureField(name: name, kind: .input, type: type, desc: desc, prefix: prefix)
}

/// An output field for a declarative signature, like Python's `dspy.OutputField(desc=...)`.
public func OutputField(_ name: String, desc: String? = nil, prefix: String? = nil, type: FieldType = .string) -> SignatureField {
    SignatureField(name: name, kind: .output, type: type, desc: desc, prefix: prefix)
}

extension SignatureField {
    /// DSPy's `infer_prefix`: `"sql_prompt"` → `"Sql Prompt"`, `"camelCase"` → `"Camel Case"`,
    /// `"text2number"` → `"Text 2 Number"`, `"HTMLParser"` → `"HTML Parser"`.
    public static func inferPrefix(_ name: String) -> String {
        let upper: (Character) -> Bool = { $0.isASCII && $0.isUppercase }
        let lower: (Character) -> Bool = { $0.isASCII && $0.isLowercase }
        let digit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let letter: (Character) -> Bool = { upper($0) || lower($0) }

        // re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
        var chars = Array(name), step: [Character] = []
        var index = 0
        while index < chars.count {
            if chars[index] != "\n", index + 2 < chars.count, upper(chars[index + 1]), lower(chars[index + 2]) {
                step += [chars[index], "_", chars[index + 1]]
                index += 2
                while index < chars.count, lower(chars[index]) { step.append(chars[index]); index += 1 }
            } else {
                step.append(chars[index]); index += 1
            }
        }
        chars = insertUnderscores(step) { (lower($0) || digit($0)) && upper($1) }
        chars = insertUnderscores(chars) { letter($0) && digit($1) }
        chars = insertUnderscores(chars) { digit($0) && letter($1) }

        return String(chars).split(separator: "_", omittingEmptySubsequences: false).map { word -> String in
            let cased = word.filter { $0.isUppercase || $0.isLowercase }
            if !cased.isEmpty && cased.allSatisfy(\.isUppercase) { return String(word) }
            return word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    /// `re.sub("(a)(b)", r"\1_\2", ...)` for a two-character pattern, matching left to right without overlaps.
    private static func insertUnderscores(_ chars: [Character], where matches: (Character, Character) -> Bool) -> [Character] {
        var result: [Character] = []
        var index = 0
        while index < chars.count {
            if index + 1 < chars.count, matches(chars[index], chars[index + 1]) {
                result += [chars[index], "_", chars[index + 1]]
                index += 2
            } else {
                result.append(chars[index]); index += 1
            }
        }
        return result
    }
}
