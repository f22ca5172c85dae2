import JSON

extension FieldType {
    /// Reads a Python type annotation as written in a string signature: `int`, `list[str]`, `dict[str, int]`,
    /// `Literal['a', 'b']`, `Optional[int]`, `int | None`, `Any`.
    ///
    /// - Throws: `SignatureError.invalidType` naming `field` when the annotation is not one of these.
    public init(annotation: String, field: String) throws {
        var parser = AnnotationParser(text: annotation, field: field)
        let type = try parser.parseUnion()
        parser.skipSpaces()
        guard parser.isAtEnd else { throw parser.failure("unexpected '\(parser.rest)'") }
        self = type
    }
}

/// A small recursive-descent reader for the subset of Python annotations DSPy signatures use.
private struct AnnotationParser {
    let text: String
    let field: String
    private var scalars: [Unicode.Scalar]
    private var position = 0

    init(text: String, field: String) {
        self.text = text
        self.field = field
        self.scalars = Array(text.unicodeScalars)
    }

    var isAtEnd: Bool { position >= scalars.count }
    var rest: String { String(String.UnicodeScalarView(scalars[position...])) }

    func failure(_ reason: String) -> SignatureError {
        .invalidType(field: field, annotation: text, reason: reason)
    }

    mutating func skipSpaces() {
        while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" { position += 1 }
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        skipSpaces()
        guard position < scalars.count, scalars[position] == scalar else { return false }
        position += 1
        return true
    }

    mutating func parseUnion() throws -> FieldType {
        var members = [try parseOptionalNone()]
        while consume("|") { members.append(try parseOptionalNone()) }
        return try Self.union(members.compactMap { $0 }, hadNone: members.contains { $0 == nil }, failure: failure)
    }

    /// A member of a union, or `nil` for `None`.
    private mutating func parseOptionalNone() throws -> FieldType? {
        skipSpaces()
        let save = position
        if try identifier() == "None" { return nil }
        position = save
        return try parsePrimary()
    }

    private static func union(
        _ types: [FieldType], hadNone: Bool, failure: (String) -> SignatureError
    ) throws -> FieldType {
        guard types.count == 1 else {
            throw failure(types.isEmpty ? "None alone is not a field type" : "unions other than Optional are not supported")
        }
        return hadNone ? .optional(types[0]) : types[0]
    }

    private mutating func identifier() throws -> String {
        skipSpaces()
        var name = ""
        while position < scalars.count {
            let scalar = scalars[position]
            guard scalar.properties.isAlphabetic || scalar == "_" || scalar == "." || ("0"..."9").contains(scalar) else { break }
            name.unicodeScalars.append(scalar)
            position += 1
        }
        guard !name.isEmpty else { throw failure(isAtEnd ? "a type name is missing" : "unexpected '\(rest)'") }
        return name.hasPrefix("typing.") ? String(name.dropFirst("typing.".count)) : name
    }

    private mutating func parsePrimary() throws -> FieldType {
        let name = try identifier()
        let hasArguments = consume("[")
        switch name {
        case "str": return try plain(.string, hasArguments)
        case "int": return try plain(.int, hasArguments)
        case "float": return try plain(.float, hasArguments)
        case "bool": return try plain(.bool, hasArguments)
        case "Any": return try plain(.any, hasArguments)
        case "Image", "History", "Tool", "ToolCalls", "dspy.Image", "dspy.History", "dspy.Tool", "dspy.ToolCalls":
            let type = DSPyType(rawValue: name.hasPrefix("dspy.") ? String(name.dropFirst("dspy.".count)) : name)!
            return try plain(.dspyType(type), hasArguments)
        case "list", "List":
            guard hasArguments else { return .list(nil) }
            let element = try parseUnion()
            try close()
            return .list(element)
        case "dict", "Dict":
            guard hasArguments else { return .dict(key: nil, value: nil) }
            let key = try parseUnion()
            guard consume(",") else { throw failure("dict needs a key and a value type") }
            let value = try parseUnion()
            try close()
            return .dict(key: key, value: value)
        case "Optional":
            guard hasArguments else { throw failure("Optional needs a type argument") }
            let wrapped = try parseUnion()
            try close()
            return .optional(wrapped)
        case "Union":
            guard hasArguments else { throw failure("Union needs type arguments") }
            var members = [try parseOptionalNone()]
            while consume(",") { members.append(try parseOptionalNone()) }
            try close()
            return try Self.union(members.compactMap { $0 }, hadNone: members.contains { $0 == nil }, failure: failure)
        case "Literal":
            guard hasArguments else { throw failure("Literal needs values") }
            var values = [try literalValue()]
            while consume(",") { values.append(try literalValue()) }
            try close()
            return .literal(values)
        default:
            throw failure("unknown name '\(name)'")
        }
    }

    private mutating func plain(_ type: FieldType, _ hasArguments: Bool) throws -> FieldType {
        if hasArguments { throw failure("\(type.annotationName) takes no type arguments") }
        return type
    }

    private mutating func close() throws {
        guard consume("]") else { throw failure("a closing ']' is missing") }
    }

    private mutating func literalValue() throws -> JSONValue {
        skipSpaces()
        guard position < scalars.count else { throw failure("a Literal value is missing") }
        let first = scalars[position]
        if first == "'" || first == "\"" {
            position += 1
            var value = ""
            while position < scalars.count, scalars[position] != first {
                if scalars[position] == "\\", position + 1 < scalars.count { position += 1 }
                value.unicodeScalars.append(scalars[position])
                position += 1
            }
            guard position < scalars.count else { throw failure("an unterminated string in Literal") }
            position += 1
            return .string(value)
        }
        var token = ""
        while position < scalars.count, !",] ".unicodeScalars.contains(scalars[position]) {
            token.unicodeScalars.append(scalars[position])
            position += 1
        }
        switch token {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .null
        default:
            if let int = Int(token) { return .int(int) }
            if let double = Double(token) { return .double(double) }
            throw failure("'\(token)' is not a Literal value")
        }
    }
}
