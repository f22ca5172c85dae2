import JSON

/// Turns a field's raw output into a value of its declared type, as DSPy's `parse_value` with pydantic's lax
/// validation does.
enum ValueParsing {
    /// Parses `value` (text from a chat completion, or a JSON value from a JSON completion) as `type`.
    ///
    /// - Throws: `ValueParsingError` describing why the value does not fit the type.
    static func parse(_ value: JSONValue, as type: FieldType) throws -> JSONValue {
        if type == .string { return .string(value.pythonStr) }
        if case .enumeration(let enumeration) = type {
            // DSPy's `find_enum_member`, on the value as given.
            guard let member = enumeration.member(value) else {
                throw ValueParsingError(value: value, type: type, reason: "\(value.pythonStr) is not a valid name or value for the enum \(enumeration.name)")
            }
            return member
        }
        var value = value
        if case .literal(let allowed) = type {
            if allowed.contains(where: { pythonEqual($0, value) }) { return value }
            if case .string(let text) = value {
                var unwrapped = PythonText.strip(text)
                if (unwrapped.hasPrefix("Literal[") || unwrapped.hasPrefix("str[")) && unwrapped.hasSuffix("]") {
                    let open = unwrapped.firstIndex(of: "[")!
                    unwrapped = String(unwrapped[unwrapped.index(after: open)..<unwrapped.index(before: unwrapped.endIndex)])
                }
                let scalars = Array(unwrapped.unicodeScalars)
                if scalars.count > 1, scalars.first == scalars.last, scalars.first == "\"" || scalars.first == "'" {
                    unwrapped = String(String.UnicodeScalarView(scalars[1..<(scalars.count - 1)]))
                }
                if allowed.contains(.string(unwrapped)) { return .string(unwrapped) }
                value = .string(unwrapped)
            }
        }
        guard case .string(let text) = value else { return try coerce(value, to: type) }
        if case .optional(.string) = type { return value }

        var candidate = LenientJSON.repair(text) ?? .string("")
        if candidate == .string(""), !text.isEmpty {
            candidate = LenientJSON.pythonLiteral(text) ?? value
        }
        return try coerce(candidate, to: type)
    }

    /// Pydantic's lax validation of an already-decoded value.
    static func coerce(_ value: JSONValue, to type: FieldType) throws -> JSONValue {
        let fail = ValueParsingError(value: value, type: type)
        switch type {
        case .any:
            return value
        case .string:
            guard case .string = value else { throw fail }
            return value
        case .int:
            switch value {
            case .int: return value
            case .bool(let flag): return .int(flag ? 1 : 0)
            case .double(let number):
                guard number.rounded() == number, let int = Int(exactly: number) else { throw fail }
                return .int(int)
            case .string(let text):
                let trimmed = PythonText.strip(text).replacingOccurrences(of: "_", with: "")
                if let int = Int(trimmed) { return .int(int) }
                if let number = Double(trimmed), number.rounded() == number, let int = Int(exactly: number) { return .int(int) }
                throw fail
            default: throw fail
            }
        case .float:
            switch value {
            case .double: return value
            case .int(let int): return .double(Double(int))
            case .bool(let flag): return .double(flag ? 1 : 0)
            case .string(let text):
                guard let number = Double(PythonText.strip(text)) else { throw fail }
                return .double(number)
            default: throw fail
            }
        case .bool:
            switch value {
            case .bool: return value
            case .int(0): return .bool(false)
            case .int(1): return .bool(true)
            case .double(let number) where number == 0 || number == 1: return .bool(number == 1)
            case .string(let text):
                switch PythonText.strip(text).lowercased() {
                case "0", "off", "f", "false", "n", "no": return .bool(false)
                case "1", "on", "t", "true", "y", "yes": return .bool(true)
                default: throw fail
                }
            default: throw fail
            }
        case .list(let element):
            guard case .array(let items) = value else { throw fail }
            guard let element else { return value }
            return .array(try items.map { try coerce($0, to: element) })
        case .dict(_, let valueType):
            guard case .object(let members) = value else { throw fail }
            guard let valueType else { return value }
            return .object(try members.mapValues { try coerce($0, to: valueType) })
        case .literal(let allowed):
            if let match = allowed.first(where: { pythonEqual($0, value) }) { return match }
            throw fail
        case .optional(let wrapped):
            if value == .null { return .null }
            return try coerce(value, to: wrapped)
        case .enumeration(let enumeration):
            if let member = enumeration.rawValues.first(where: { pythonEqual($0, value) }) { return member }
            throw ValueParsingError(
                value: value, type: type,
                reason: "Input should be " + enumeration.rawValues.map(\.pythonRepr).joined(separator: ", ") + " [input_value=\(value.pythonRepr)]")
        case .object(let model):
            return try coerce(value, to: model)
        case .dspyType(.toolCalls):
            guard let calls = ToolCalls.normalized(value) else { throw fail }
            return calls
        case .dspyType(.image):
            guard value["url"]?.stringValue != nil else { throw fail }
            return value
        case .dspyType(.history):
            guard value["messages"]?.arrayValue != nil else { throw fail }
            return value
        case .dspyType(.tool):
            throw fail
        }
    }

    /// pydantic's validation of a model: an object whose properties fit their types, every required one present;
    /// other members are dropped, absent optional ones are `null`. An error names the property's path.
    private static func coerce(_ value: JSONValue, to model: ObjectSchema) throws -> JSONValue {
        guard case .object(let members) = value else {
            throw ValueParsingError(value: value, type: .object(model), reason: "Input should be a valid dictionary or instance of \(model.name) [input_value=\(value.pythonRepr)]")
        }
        var result: [String: JSONValue] = [:]
        for property in model.properties {
            guard let member = members[property.name] else {
                guard property.isRequired else { result[property.name] = .null; continue }
                throw ValueParsingError(value: value, type: .object(model), path: [property.name], reason: "Field required")
            }
            do {
                result[property.name] = try coerce(member, to: property.isRequired ? property.type : .optional(property.type))
            } catch let error as ValueParsingError {
                throw error.inside(property.name, of: model)
            }
        }
        return .object(result)
    }

    /// Python's `==` across numbers and booleans (`1 == 1.0 == True`).
    static func pythonEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        func number(_ value: JSONValue) -> Double? {
            switch value {
            case .bool(let flag): flag ? 1 : 0
            case .int(let int): Double(int)
            case .double(let double): double
            default: nil
            }
        }
        if let left = number(lhs), let right = number(rhs) { return left == right }
        return lhs == rhs
    }
}

/// A value that does not fit its field's declared type, with the path to the part that does not (in a model).
struct ValueParsingError: Error, CustomStringConvertible {
    let value: JSONValue
    let type: FieldType
    /// Property names from the field's value down to the failing part; empty when the value itself fails.
    var path: [String] = []
    /// pydantic's words, when they are more than "Input should be a valid <type>".
    var reason: String?

    /// The same error seen from the model that holds the failing property.
    func inside(_ property: String, of model: ObjectSchema) -> ValueParsingError {
        var error = self
        if path.isEmpty { error.reason = description }
        error.path.insert(property, at: 0)
        return error
    }

    var description: String {
        let reason = reason ?? "Input should be a valid \(type.annotationName) [input_value=\(value.pythonRepr)]"
        return path.isEmpty ? reason : path.joined(separator: ".") + ": " + reason
    }
}
