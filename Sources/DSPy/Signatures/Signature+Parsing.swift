extension Signature {
    /// The string form: `"question, context -> answer"`, with optional Python types,
    /// `"k: int, items: list[str] -> ok: bool, label: Literal['a', 'b']"`.
    ///
    /// - Parameter instructions: the task description; DSPy's default instructions when `nil`.
    /// - Throws: `SignatureError` for a missing or repeated `->`, an empty or bad field name, a duplicate name or
    ///   an unknown type, naming the field.
    public init(_ signature: String, instructions: String? = nil) throws {
        let sides = signature.components(separatedBy: "->")
        guard sides.count == 2 else { throw SignatureError.missingArrow(signature: signature) }
        let inputs = try Self.parseFields(sides[0], kind: .input, signature: signature)
        let outputs = try Self.parseFields(sides[1], kind: .output, signature: signature)
        var seen = Set<String>()
        for field in inputs + outputs where !seen.insert(field.name).inserted {
            throw SignatureError.duplicateField(field.name)
        }
        self.init(fields: inputs + outputs, instructions: instructions)
    }

    /// A signature written as a literal in code, `Predict("question -> answer")`: a malformed one is a
    /// programming error, so it stops the program with the reason instead of throwing.
    init(literal: StaticString, instructions: String?, in caller: String) {
        let text = "\(literal)"
        do {
            try self.init(text, instructions: instructions)
        } catch {
            fatalError("\(caller)(\"\(text)\"): invalid signature: \(error)")
        }
    }

    private static func parseFields(_ text: String, kind: SignatureField.Kind, signature: String) throws -> [SignatureField] {
        let parts = splitTopLevel(text)
        return try parts.enumerated().compactMap { index, part -> SignatureField? in
            let trimmed = PythonText.strip(part)
            // Python reads each side as a tuple: an empty side and a trailing comma are fine, a missing name is not.
            if trimmed.isEmpty {
                guard index == parts.count - 1 else { throw SignatureError.emptyFieldName(signature: signature) }
                return nil
            }
            let name: String, type: FieldType
            if let colon = trimmed.firstIndex(of: ":") {
                name = PythonText.strip(String(trimmed[..<colon]))
                let annotation = PythonText.strip(String(trimmed[trimmed.index(after: colon)...]))
                type = try FieldType(annotation: annotation, field: name)
            } else {
                name = trimmed
                type = .string
            }
            guard PythonText.isIdentifier(name) else { throw SignatureError.invalidFieldName(name, signature: signature) }
            return SignatureField(name: name, kind: kind, type: type)
        }
    }

    /// Splits on commas outside brackets and quotes, so `dict[str, int]` and `Literal['a, b']` stay whole.
    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        var quote: Character?
        for char in text {
            if let open = quote {
                if char == open { quote = nil }
            } else if char == "'" || char == "\"" {
                quote = char
            } else if char == "[" {
                depth += 1
            } else if char == "]" {
                depth -= 1
            } else if char == ",", depth == 0 {
                parts.append(current); current = ""; continue
            }
            current.append(char)
        }
        parts.append(current)
        return parts
    }
}
