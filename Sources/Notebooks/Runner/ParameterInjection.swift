import Foundation
import JSON

/// A `-p NAME VALUE` parameter for a run, as papermill takes them.
public struct NotebookParameter: Equatable, Sendable {
    public var name: String
    /// The value as typed on the command line; how it is written into Swift depends on the declaration.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A parameter whose value does not fit the type its declaration gives it.
public struct ParameterError: Error, Equatable, CustomStringConvertible {
    public var name: String
    public var problem: String

    public var description: String { "parameter \(name): \(problem)" }
}

extension Notebook {
    /// The tag of the cell whose declarations parameters override (papermill's convention).
    public static let parametersTag = "parameters"
    /// The tag of the cell that holds the injected overrides.
    public static let injectedParametersTag = "injected-parameters"

    /// Inserts a cell tagged `injected-parameters` right after the cell tagged `parameters` (or first, when there
    /// is none), redeclaring each parameter with the new value, as papermill does. A cell injected by an earlier
    /// run is replaced.
    ///
    /// Each value is written as a literal of the type the `parameters` cell declares for that name — from its
    /// annotation (`let limit: Int? = nil`) or its initial literal (`let model = "offline"`); for other annotated
    /// types the value is written as a Swift expression. Undeclared names get papermill's inference (integer,
    /// floating point, `true`/`false`, else a string).
    /// - Returns: notices for the user (no `parameters` cell, names it does not declare).
    /// - Throws: `ParameterError` when a value does not fit the declared type.
    @discardableResult
    public mutating func injectParameters(_ parameters: [NotebookParameter]) throws -> [String] {
        guard !parameters.isEmpty else { return [] }
        cells.removeAll { $0.tags.contains(Self.injectedParametersTag) }
        var notices: [String] = []
        let parametersIndex = cells.firstIndex { $0.tags.contains(Self.parametersTag) }
        if parametersIndex == nil {
            notices.append("the notebook has no cell tagged \"\(Self.parametersTag)\"; the parameters are injected first")
        }
        let declarations = parametersIndex.map { ParameterDeclaration.all(in: cells[$0].source) } ?? [:]
        var lines = ["// Parameters"]
        var recorded: [String: JSONValue] = [:]
        for parameter in parameters {
            let declaration = declarations[parameter.name]
            if declaration == nil && parametersIndex != nil {
                notices.append("parameter \(parameter.name) is not declared in the parameters cell; injected anyway")
            }
            let (literal, json) = try ParameterDeclaration.literal(for: parameter, declaredAs: declaration)
            let keyword = declaration?.keyword ?? "let"
            let annotation = declaration?.type.map { ": \($0)" } ?? ""
            lines.append("\(keyword) \(parameter.name)\(annotation) = \(literal)")
            recorded[parameter.name] = json
        }
        var injected = Cell.code(lines.joined(separator: "\n"), tags: [Self.injectedParametersTag])
        injected.id = nil
        cells.insert(injected, at: parametersIndex.map { $0 + 1 } ?? 0)
        assignMissingCellIDs()
        var papermill = metadata["papermill"]?.objectValue ?? [:]
        papermill["parameters"] = .object(recorded)
        metadata["papermill"] = .object(papermill)
        return notices
    }
}

/// A `let`/`var` declaration in a parameters cell, read just far enough to know how to write a new value for it.
struct ParameterDeclaration: Equatable {
    var keyword: String
    var type: String?
    var initializer: String

    /// The top-level single-line declarations of `source`, by name.
    static func all(in source: String) -> [String: ParameterDeclaration] {
        var found: [String: ParameterDeclaration] = [:]
        for line in source.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard let keyword = ["let ", "var "].first(where: { trimmed.hasPrefix($0) }) else { continue }
            let rest = trimmed.dropFirst(keyword.count).drop(while: { $0 == " " })
            let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            guard !name.isEmpty else { continue }
            var tail = rest.dropFirst(name.count).drop(while: { $0 == " " })
            var type: String?
            if tail.hasPrefix(":") {
                guard let equals = tail.firstIndex(of: "=") else { continue }
                type = tail[tail.index(after: tail.startIndex)..<equals].trimmingCharacters(in: .whitespaces)
                tail = tail[equals...]
            }
            guard tail.hasPrefix("=") else { continue }
            let initializer = tail.dropFirst().trimmingCharacters(in: .whitespaces)
            found[String(name)] = ParameterDeclaration(keyword: keyword.trimmingCharacters(in: .whitespaces),
                                                       type: type, initializer: initializer)
        }
        return found
    }

    /// The kinds of literal a parameter can be written as.
    enum Kind { case string, int, double, bool, expression }

    /// The Swift literal for `parameter`, and the JSON value recorded in the notebook metadata.
    static func literal(for parameter: NotebookParameter, declaredAs declaration: ParameterDeclaration?) throws
        -> (String, JSONValue)
    {
        let value = parameter.value
        let kind = declaration.map(\.kind) ?? inferredKind(of: value)
        switch kind {
        case .string:
            return (swiftStringLiteral(value), .string(value))
        case .int:
            guard let number = Int(value) else { throw ParameterError(name: parameter.name, problem: "\"\(value)\" is not an integer") }
            return (String(number), .int(number))
        case .double:
            guard let number = Double(value), number.isFinite else { throw ParameterError(name: parameter.name, problem: "\"\(value)\" is not a number") }
            return (value, .double(number))
        case .bool:
            guard let flag = ["true": true, "True": true, "false": false, "False": false][value] else {
                throw ParameterError(name: parameter.name, problem: "\"\(value)\" is not true or false")
            }
            return (String(flag), .bool(flag))
        case .expression:
            return (value, .string(value))
        }
    }

    /// What the declaration says the value is: its annotation's base type, else the kind of its initial literal.
    var kind: Kind {
        if let type {
            let base = type.trimmingCharacters(in: CharacterSet(charactersIn: "?! "))
            switch base {
            case "String", "Substring": return .string
            case "Int", "Int64", "Int32", "UInt", "UInt64", "UInt32": return .int
            case "Double", "Float": return .double
            case "Bool": return .bool
            default: return .expression
            }
        }
        if initializer.hasPrefix("\"") { return .string }
        if initializer == "true" || initializer == "false" { return .bool }
        if Int(initializer) != nil { return .int }
        if Double(initializer) != nil { return .double }
        return .expression
    }

    /// papermill's inference for values it has no declaration for.
    static func inferredKind(of value: String) -> Kind {
        if ["true", "True", "false", "False"].contains(value) { return .bool }
        if Int(value) != nil { return .int }
        if Double(value) != nil { return .double }
        return .string
    }

    static func swiftStringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case "\0": literal += "\\0"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                literal += "\\u{\(String(scalar.value, radix: 16))}"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
