import JSON

/// A structured type with named properties: a Swift `Codable` struct, as DSPy sees the equivalent pydantic model.
public struct ObjectSchema: Hashable, Sendable {
    /// One stored property, in declaration order.
    public struct Property: Hashable, Sendable {
        public var name: String
        public var type: FieldType
        /// pydantic's `Field(description=...)`.
        public var description: String?
        /// Whether the value must be present; an `Optional` property is not required (pydantic's `= None`).
        public var isRequired: Bool

        public init(name: String, type: FieldType, description: String? = nil, isRequired: Bool = true) {
            self.name = name
            self.type = type
            self.description = description
            self.isRequired = isRequired
        }
    }

    /// The model's name (the Swift type's), shown as the annotation and the schema's title.
    public var name: String
    /// The model's docstring, the schema's `description`.
    public var description: String?
    public var properties: [Property]

    public init(name: String, description: String? = nil, properties: [Property]) {
        self.name = name
        self.description = description
        self.properties = properties
    }
}

/// An enumeration of named values: a Swift `CaseIterable` enum with raw values, as DSPy sees a Python `Enum`.
public struct EnumSchema: Hashable, Sendable {
    /// The enum's name, shown as the annotation and the schema's title.
    public var name: String
    /// Each case's name and raw value, in declaration order.
    public var members: [(name: String, value: JSONValue)] {
        zip(names, values).map { ($0, $1) }
    }
    private var names: [String]
    private var values: [JSONValue]

    public init(name: String, members: [(name: String, value: JSONValue)]) {
        self.name = name
        self.names = members.map(\.name)
        self.values = members.map(\.value)
    }

    /// The raw values, in declaration order.
    public var rawValues: [JSONValue] { values }

    /// DSPy's `find_enum_member`: the raw value equal to `identifier`, else the value of the case named by it.
    func member(_ identifier: JSONValue) -> JSONValue? {
        if let value = values.first(where: { $0 == identifier }) { return value }
        guard case .string(let name) = identifier, let index = names.firstIndex(of: name) else { return nil }
        return values[index]
    }
}

/// What a `Codable` type adds to its schema beyond its shape, as a pydantic model's docstring and
/// `Field(description=...)` do: conform and implement either.
///
/// ```swift
/// struct Person: Codable, SchemaDescribed {
///     var name: String
///     var age: Int
///     static let schemaDescription: String? = "A person mentioned in the text."
///     static let fieldDescriptions = ["age": "Age in years"]
/// }
/// ```
public protocol SchemaDescribed {
    /// The model's description (pydantic: the class docstring).
    static var schemaDescription: String? { get }
    /// Descriptions of properties by name.
    static var fieldDescriptions: [String: String] { get }
}

extension SchemaDescribed {
    public static var schemaDescription: String? { nil }
    public static var fieldDescriptions: [String: String] { [:] }
}
