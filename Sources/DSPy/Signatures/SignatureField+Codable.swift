import Foundation
import JSON

/// An input field of a Swift `Codable` type (a struct, an enum, an array of them, ...), shown and parsed as DSPy
/// does the equivalent pydantic model: `InputField("person", type: Person.self)`.
///
/// A type that cannot be described is a programming error: it stops the program naming the type and the reason
/// (`FieldType(describing:)` throws instead).
public func InputField<T: Decodable>(_ name: String, type: T.Type, desc: String? = nil, prefix: String? = nil) -> SignatureField {
    SignatureField(name: name, kind: .input, type: describedType(type), desc: desc, prefix: prefix)
}

/// An output field of a Swift `Codable` type: `OutputField("people", type: [Person].self)`. Read the parsed value
/// back with `prediction.value("people", as: [Person].self)`.
public func OutputField<T: Decodable>(_ name: String, type: T.Type, desc: String? = nil, prefix: String? = nil) -> SignatureField {
    SignatureField(name: name, kind: .output, type: describedType(type), desc: desc, prefix: prefix)
}

private func describedType<T: Decodable>(_ type: T.Type) -> FieldType {
    do {
        return try FieldType(describing: type)
    } catch {
        fatalError("\(error)")
    }
}

extension JSONValue {
    /// The JSON form of an `Encodable` value, to pass a typed value as a module input:
    /// `try qa(person: JSONValue(encoding: alice))`.
    ///
    /// - Throws: `EncodingError` when the value cannot be encoded.
    public init<T: Encodable>(encoding value: T) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONValue(parsing: data)
    }

    /// The value decoded as `T`.
    ///
    /// - Throws: `DecodingError` when it does not fit `T`.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }
}

extension Prediction {
    /// The field `name` decoded as `T`, typically the type its output field was declared with.
    ///
    /// - Throws: `PredictionValueError` naming the field when it is missing or does not decode as `T`.
    public func value<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let value = self[name] else { throw PredictionValueError(field: name, type: "\(T.self)", reason: "the prediction has no such field (it has: \(keys().joined(separator: ", ")))") }
        do {
            return try value.decode(as: type)
        } catch {
            throw PredictionValueError(field: name, type: "\(T.self)", reason: "\(error)")
        }
    }
}

/// A prediction's field that cannot be read as the Swift type asked for.
public struct PredictionValueError: Error, CustomStringConvertible {
    public let field: String
    public let type: String
    public let reason: String

    public var description: String { "field '\(field)' cannot be read as \(type): \(reason)" }
}
