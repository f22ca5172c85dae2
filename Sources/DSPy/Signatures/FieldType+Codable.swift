import JSON

extension FieldType {
    /// The field type of a Swift `Decodable` type, as DSPy sees the equivalent Python annotation: `String` is `str`,
    /// integers `int`, `Double`/`Float` `float`, `Bool` `bool`, `JSONValue` `Any`, arrays `list[T]`, `Optional`
    /// `Optional[T]`, `[String: T]` `dict[str, T]`, a `CaseIterable` enum with raw values an `Enum`, and a struct a
    /// pydantic model whose fields are its stored properties in declaration order (an `Optional` one defaults to
    /// `None`); `SchemaDescribed` adds descriptions.
    ///
    /// The properties are found by decoding the type once from a decoder that records what it is asked for, so
    /// the type's `init(from:)` must ask for each property by name (as the synthesized one does).
    ///
    /// - Throws: `SchemaError` naming the type when it cannot be described (an enum that is not `CaseIterable`, a
    ///   recursive type, a custom decoder that rejects placeholder values).
    public init<T: Decodable>(describing type: T.Type) throws {
        var probe = SchemaProbe()
        self = try probe.describe(type).type
    }
}

/// A Swift type that cannot be described as a field type.
public struct SchemaError: Error, CustomStringConvertible {
    /// The type, as Swift names it.
    public let typeName: String
    public let reason: String

    public var description: String { "cannot describe \(typeName) as a DSPy field type: \(reason)" }
}

/// What the synthesized `init(from:)` of a type asks a decoder for, recorded as a `FieldType`, together with a
/// placeholder value of the type (so that decoding can go on).
struct SchemaProbe {
    /// Models being described, outermost first: a type met again inside itself is recursive.
    private var inProgress: [String] = []

    mutating func describe<T: Decodable>(_ type: T.Type) throws -> (type: FieldType, placeholder: T) {
        if let special = type as? any ProbedContainer.Type {
            let (fieldType, placeholder) = try special.probe(&self)
            return (fieldType, placeholder as! T)
        }
        if let scalar = Self.scalar(type) { return (scalar.0, scalar.1 as! T) }
        if let enumeration = type as? any (CaseIterable & RawRepresentable).Type {
            return try Self.describeEnum(enumeration, as: type)
        }
        let name = String(describing: type)
        guard !inProgress.contains(name) else {
            throw SchemaError(typeName: name, reason: "it contains itself (recursive types are not supported)")
        }
        inProgress.append(name)
        defer { inProgress.removeLast() }
        let recorder = ProbeRecorder(probe: self)
        let placeholder: T
        do {
            placeholder = try T(from: ProbeDecoder(recorder: recorder, typeName: name))
        } catch let error as SchemaError {
            throw error
        } catch {
            throw SchemaError(typeName: name, reason: "its init(from:) rejected placeholder values (an enum must be CaseIterable with String or Int raw values): \(error)")
        }
        if let single = recorder.singleValue { return (single, placeholder) }
        let descriptions = (type as? any SchemaDescribed.Type)?.fieldDescriptions ?? [:]
        let properties = recorder.properties.map { property in
            ObjectSchema.Property(name: property.name, type: property.type, description: descriptions[property.name],
                                  isRequired: property.isRequired)
        }
        let description = (type as? any SchemaDescribed.Type)?.schemaDescription
        return (.object(ObjectSchema(name: name, description: description, properties: properties)), placeholder)
    }

    private static func describeEnum<E: CaseIterable & RawRepresentable, T>(_: E.Type, as _: T.Type) throws -> (type: FieldType, placeholder: T) {
        let name = String(describing: E.self)
        let members = try E.allCases.map { member -> (name: String, value: JSONValue) in
            switch member.rawValue {
            case let text as String: (String(describing: member), .string(text))
            case let number as Int: (String(describing: member), .int(number))
            default: throw SchemaError(typeName: name, reason: "enum raw values must be String or Int")
            }
        }
        guard let first = E.allCases.first, let placeholder = first as? T else {
            throw SchemaError(typeName: name, reason: "the enum has no cases")
        }
        return (.enumeration(EnumSchema(name: name, members: members)), placeholder)
    }

    /// The scalar types and a placeholder of each.
    private static func scalar(_ type: Any.Type) -> (FieldType, Any)? {
        switch type {
        case is String.Type: (.string, "")
        case is Bool.Type: (.bool, false)
        case is Int.Type: (.int, 0)
        case is Int8.Type: (.int, Int8(0))
        case is Int16.Type: (.int, Int16(0))
        case is Int32.Type: (.int, Int32(0))
        case is Int64.Type: (.int, Int64(0))
        case is UInt.Type: (.int, UInt(0))
        case is UInt8.Type: (.int, UInt8(0))
        case is UInt16.Type: (.int, UInt16(0))
        case is UInt32.Type: (.int, UInt32(0))
        case is UInt64.Type: (.int, UInt64(0))
        case is Double.Type: (.float, 0.0)
        case is Float.Type: (.float, Float(0))
        case is JSONValue.Type: (.any, JSONValue.null)
        default: nil
        }
    }
}

/// Arrays, optionals and string-keyed dictionaries: described from their element type, never decoded.
protocol ProbedContainer {
    static func probe(_ probe: inout SchemaProbe) throws -> (FieldType, Any)
}

extension Array: ProbedContainer where Element: Decodable {
    static func probe(_ probe: inout SchemaProbe) throws -> (FieldType, Any) {
        (.list(try probe.describe(Element.self).type), [Element]())
    }
}

extension Optional: ProbedContainer where Wrapped: Decodable {
    static func probe(_ probe: inout SchemaProbe) throws -> (FieldType, Any) {
        (.optional(try probe.describe(Wrapped.self).type), Wrapped?.none as Any)
    }
}

extension Dictionary: ProbedContainer where Key == String, Value: Decodable {
    static func probe(_ probe: inout SchemaProbe) throws -> (FieldType, Any) {
        (.dict(key: .string, value: try probe.describe(Value.self).type), [String: Value]())
    }
}

/// The properties one model's decoding asked for, in order.
private final class ProbeRecorder {
    var probe: SchemaProbe
    var properties: [(name: String, type: FieldType, isRequired: Bool)] = []
    /// The type of a value decoded through a single-value container (a wrapper type).
    var singleValue: FieldType?

    init(probe: SchemaProbe) { self.probe = probe }

    func record<T: Decodable>(_ type: T.Type, key: String, isRequired: Bool) throws -> T {
        let (fieldType, placeholder) = try probe.describe(type)
        if !properties.contains(where: { $0.name == key }) {
            properties.append((key, isRequired ? fieldType : .optional(fieldType), isRequired))
        }
        return placeholder
    }

    func recordSingle<T: Decodable>(_ type: T.Type) throws -> T {
        let (fieldType, placeholder) = try probe.describe(type)
        singleValue = singleValue ?? fieldType
        return placeholder
    }
}

private struct ProbeDecoder: Decoder {
    let recorder: ProbeRecorder
    let typeName: String
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ProbeKeyedContainer<Key>(recorder: recorder))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw SchemaError(typeName: typeName, reason: "its init(from:) reads an unkeyed container; decode named properties")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ProbeSingleValueContainer(recorder: recorder)
    }
}

private struct ProbeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: ProbeRecorder
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try recorder.record(type, key: key.stringValue, isRequired: true)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try recorder.record(type, key: key.stringValue, isRequired: true) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try recorder.record(type, key: key.stringValue, isRequired: true) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let unwrapped = (type as? any ProbedWrapper.Type)?.wrappedType ?? type
        _ = try recorder.record(unwrapped, key: key.stringValue, isRequired: false)
        return nil
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(Probed<Bool>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(Probed<String>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(Probed<Double>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeIfPresent(Probed<Float>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(Probed<Int>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeIfPresent(Probed<Int8>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeIfPresent(Probed<Int16>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeIfPresent(Probed<Int32>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(Probed<Int64>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeIfPresent(Probed<UInt>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeIfPresent(Probed<UInt8>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeIfPresent(Probed<UInt16>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeIfPresent(Probed<UInt32>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeIfPresent(Probed<UInt64>.self, forKey: key)?.value }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw SchemaError(typeName: "\(Key.self)", reason: "nested containers are not supported; use a nested type")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw SchemaError(typeName: "\(Key.self)", reason: "nested containers are not supported; use an array property")
    }

    func superDecoder() throws -> any Decoder { throw SchemaError(typeName: "\(Key.self)", reason: "class inheritance is not supported") }
    func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder() }
}

private struct ProbeSingleValueContainer: SingleValueDecodingContainer {
    let recorder: ProbeRecorder
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try recorder.recordSingle(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try recorder.recordSingle(type) }
    func decode(_ type: String.Type) throws -> String { try recorder.recordSingle(type) }
    func decode(_ type: Double.Type) throws -> Double { try recorder.recordSingle(type) }
    func decode(_ type: Float.Type) throws -> Float { try recorder.recordSingle(type) }
    func decode(_ type: Int.Type) throws -> Int { try recorder.recordSingle(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try recorder.recordSingle(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try recorder.recordSingle(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try recorder.recordSingle(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try recorder.recordSingle(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try recorder.recordSingle(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try recorder.recordSingle(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try recorder.recordSingle(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try recorder.recordSingle(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try recorder.recordSingle(type) }
}

/// A scalar's `decodeIfPresent` routed through the generic one, so the stdlib's default (which would call
/// `decode` and record the property as required) is never used.
private struct Probed<Value: Decodable>: Decodable, ProbedWrapper {
    let value: Value
    init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
    static var wrappedType: any Decodable.Type { Value.self }
}

private protocol ProbedWrapper {
    static var wrappedType: any Decodable.Type { get }
}
