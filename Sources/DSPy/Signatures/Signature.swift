import JSON

/// What a module does, as DSPy declares it: instructions plus named input and output fields, in order.
///
/// Build one from the string form, `try Signature("question, context -> answer: int")`, or declaratively:
/// ```swift
/// let TextToSql = Signature("Transform a natural language query into a SQL query.") {
///     InputField("sql_prompt", desc: "Natural language query")
///     InputField("sql_context", desc: "Context for the query")
///     OutputField("sql", desc: "SQL query")
/// }
/// ```
/// Signatures are values: `withInstructions`, `append`, `prepend`, `insert` and `delete` return new ones.
public struct Signature: Hashable, Sendable {
    /// The signature's name (`"StringSignature"` unless given), as Python's class name.
    public var name: String
    /// Kept already cleaned, since prompts read it on every call.
    private var rawInstructions: String
    public private(set) var inputFields: [SignatureField]
    public private(set) var outputFields: [SignatureField]

    /// A signature from fields and instructions; `nil` or empty instructions are DSPy's default
    /// ("Given the fields `a`, produce the fields `b`."), fixed now as in Python, so fields added later (like
    /// ChainOfThought's `reasoning`) do not change them.
    ///
    /// A field whose name repeats an earlier one replaces it in place, as a redefined class attribute does in
    /// Python.
    public init(fields: [SignatureField], instructions: String? = nil, name: String = "StringSignature") {
        self.name = name
        self.rawInstructions = ""
        var ordered: [SignatureField] = []
        for field in fields {
            if let index = ordered.firstIndex(where: { $0.name == field.name }) {
                ordered[index] = field
            } else {
                ordered.append(field)
            }
        }
        self.inputFields = ordered.filter { $0.kind == .input }
        self.outputFields = ordered.filter { $0.kind == .output }
        // As in Python, where an empty docstring counts as none.
        let given = instructions.flatMap { $0.isEmpty ? nil : $0 }
        self.rawInstructions = PythonText.cleandoc(given ?? defaultInstructions)
    }

    /// The declarative form: instructions, then the fields in declaration order.
    public init(_ instructions: String? = nil, name: String = "StringSignature", @SignatureBuilder fields: () -> [SignatureField]) {
        self.init(fields: fields(), instructions: instructions, name: name)
    }

    /// The instructions as DSPy reads them (`inspect.cleandoc` of the given text).
    public var instructions: String {
        get { rawInstructions }
        set { rawInstructions = PythonText.cleandoc(newValue) }
    }

    /// DSPy's default instructions for these fields.
    public var defaultInstructions: String {
        let inputs = inputFields.map { "`\($0.name)`" }.joined(separator: ", ")
        let outputs = outputFields.map { "`\($0.name)`" }.joined(separator: ", ")
        return "Given the fields \(inputs), produce the fields \(outputs)."
    }

    /// Input fields, then output fields.
    public var fields: [SignatureField] { inputFields + outputFields }

    /// The field named `name`, input or output.
    public func field(named name: String) -> SignatureField? {
        inputFields.first { $0.name == name } ?? outputFields.first { $0.name == name }
    }

    /// The string form, `"a, b -> c"`.
    public var signature: String {
        inputFields.map(\.name).joined(separator: ", ") + " -> " + outputFields.map(\.name).joined(separator: ", ")
    }

    /// The same fields with new instructions (the default ones when empty, as in Python).
    public func withInstructions(_ instructions: String) -> Signature {
        var copy = self
        copy.instructions = instructions.isEmpty ? defaultInstructions : instructions
        return copy
    }

    /// The same fields with `instructions` appended after a blank line.
    public func appendInstructions(_ instructions: String) -> Signature {
        withInstructions("\(self.instructions)\n\n\(instructions)")
    }

    /// A copy with the field named `name` changed by `update`.
    public func withUpdatedField(_ name: String, _ update: (inout SignatureField) -> Void) -> Signature {
        var copy = self
        if let index = copy.inputFields.firstIndex(where: { $0.name == name }) { update(&copy.inputFields[index]) }
        if let index = copy.outputFields.firstIndex(where: { $0.name == name }) { update(&copy.outputFields[index]) }
        return copy
    }

    /// Inserts `field` first among the inputs or outputs (by its kind).
    public func prepend(_ field: SignatureField) throws -> Signature { try insert(0, field) }

    /// Inserts `field` last among the inputs or outputs (by its kind).
    public func append(_ field: SignatureField) throws -> Signature { try insert(-1, field) }

    /// Inserts `field` at `index` among the inputs or outputs (by its kind); negative indices count from the end,
    /// `-1` appending.
    ///
    /// - Throws: `SignatureError.duplicateField` when the name is taken, `.invalidInsertIndex` when out of range.
    public func insert(_ index: Int, _ field: SignatureField) throws -> Signature {
        if self.field(named: field.name) != nil { throw SignatureError.duplicateField(field.name) }
        var copy = self
        var list = field.kind == .input ? inputFields : outputFields
        let position = index < 0 ? index + list.count + 1 : index
        guard position >= 0, position <= list.count else {
            throw SignatureError.invalidInsertIndex(index, count: list.count)
        }
        list.insert(field, at: position)
        if field.kind == .input { copy.inputFields = list } else { copy.outputFields = list }
        return copy
    }

    /// `field` first among its kind; the caller has checked that the name is free.
    func prependingNewField(_ field: SignatureField) -> Signature {
        var copy = self
        if field.kind == .input { copy.inputFields.insert(field, at: 0) } else { copy.outputFields.insert(field, at: 0) }
        return copy
    }

    /// `field` last among its kind; the caller has checked that the name is free.
    func appendingNewField(_ field: SignatureField) -> Signature {
        var copy = self
        if field.kind == .input { copy.inputFields.append(field) } else { copy.outputFields.append(field) }
        return copy
    }

    /// An input `field` at `position`; the caller has checked the name and the position.
    func insertingNewInput(_ field: SignatureField, at position: Int) -> Signature {
        var copy = self
        copy.inputFields.insert(field, at: position)
        return copy
    }

    /// A copy without the field named `name` (unchanged when there is none).
    public func delete(_ name: String) -> Signature {
        var copy = self
        copy.inputFields.removeAll { $0.name == name }
        copy.outputFields.removeAll { $0.name == name }
        return copy
    }
}

/// Collects `InputField(...)` and `OutputField(...)` lines of a declarative signature in order.
@resultBuilder
public enum SignatureBuilder {
    public static func buildExpression(_ field: SignatureField) -> [SignatureField] { [field] }
    public static func buildExpression(_ fields: [SignatureField]) -> [SignatureField] { fields }
    public static func buildBlock(_ parts: [SignatureField]...) -> [SignatureField] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [SignatureField]?) -> [SignatureField] { part ?? [] }
    public static func buildEither(first part: [SignatureField]) -> [SignatureField] { part }
    public static func buildEither(second part: [SignatureField]) -> [SignatureField] { part }
    public static func buildArray(_ parts: [[SignatureField]]) -> [SignatureField] { parts.flatMap { $0 } }
}

extension Signature: CustomStringConvertible {
    /// Python's form: `StringSignature(question -> answer\n    instructions='...'\n    question = Field(...)\n)`.
    public var description: String {
        let fields = fields.map { field in
            "\(field.name) = Field(annotation=\(field.type.annotationName) \(field.kind == .input ? "InputField" : "OutputField")"
                + "(prefix=\(JSONValue.pythonStringRepr(field.prefix)), desc=\(JSONValue.pythonStringRepr(field.desc))))"
        }
        return "\(name)(\(signature)\n    instructions=\(JSONValue.pythonStringRepr(instructions))\n    "
            + fields.joined(separator: "\n    ") + "\n)"
    }
}
