import JSON

/// The declared type of a signature field, as Python DSPy's annotations (`str`, `int`, `list[str]`,
/// `Literal['a', 'b']`, `Optional[int]`, ...). It decides the type notes in prompts and how outputs are parsed.
public indirect enum FieldType: Hashable, Sendable {
    case string
    case int
    case float
    case bool
    /// `typing.Any`: any JSON value.
    case any
    /// `list[T]`; `nil` element type is a bare `list`.
    case list(FieldType?)
    /// `dict[K, V]`; `nil` types are a bare `dict`.
    case dict(key: FieldType?, value: FieldType?)
    /// `Literal[...]` of strings, numbers or booleans.
    case literal([JSONValue])
    /// `Optional[T]`, i.e. `T | None`.
    case optional(FieldType)
    /// A pydantic model: a Swift `Codable` struct (`FieldType(describing:)`).
    case object(ObjectSchema)
    /// A Python `Enum`: a Swift `CaseIterable` enum with raw values (`FieldType(describing:)`).
    case enumeration(EnumSchema)
    /// One of DSPy's own types: `Image`, `History`, `Tool`, `ToolCalls`.
    case dspyType(DSPyType)

    /// The annotation as DSPy's prompts name it (`get_annotation_name`): `str`, `list[str]`, `Literal['a', 'b']`,
    /// `Union[int, NoneType]`.
    public var annotationName: String {
        switch self {
        case .string: "str"
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .any: "Any"
        case .list(let element): element.map { "list[\($0.annotationName)]" } ?? "list"
        case .dict(let key, let value):
            if let key, let value { "dict[\(key.annotationName), \(value.annotationName)]" } else { "dict" }
        case .literal(let values): "Literal[" + values.map(Self.literalMemberName).joined(separator: ", ") + "]"
        case .optional(let wrapped): "Union[\(wrapped.annotationName), NoneType]"
        case .object(let schema): schema.name
        case .enumeration(let schema): schema.name
        case .dspyType(let type): type.rawValue
        }
    }

    /// Whether `None` is an acceptable value (`Optional[T]`, `Any`).
    public var allowsNone: Bool {
        switch self {
        case .optional, .any: true
        default: false
        }
    }

    private static func literalMemberName(_ value: JSONValue) -> String {
        guard case .string(let text) = value else { return value.pythonRepr }
        // DSPy's `_quoted_string_for_literal_type_annotation`.
        let hasSingle = text.contains("'"), hasDouble = text.contains("\"")
        if hasSingle && !hasDouble { return "\"\(text)\"" }
        if hasSingle && hasDouble { return "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'" }
        return "'\(text)'"
    }

    /// The output-field note DSPy appends in the field structure (`translate_field_type`), without the
    /// `# note: the value you produce ` lead; `nil` for `str`.
    var outputTypeNote: String? {
        switch self {
        case .string: nil
        case .bool: "must be True or False"
        case .int: "must be a single int value"
        case .float: "must be a single float value"
        case .literal(let values):
            "must exactly match (no extra characters) one of: " + values.map(\.pythonStr).joined(separator: "; ")
        case .enumeration(let schema): "must be one of: " + schema.rawValues.map(\.pythonStr).joined(separator: "; ")
        default: "must adhere to the JSON schema: " + jsonSchema
        }
    }
}

