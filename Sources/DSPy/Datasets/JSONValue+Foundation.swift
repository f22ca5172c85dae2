import Foundation
import JSON

extension JSONValue {
    /// A value from `JSONSerialization`'s output. Numbers keep Python's reading: integers stay integers, `1.0` is a
    /// float; integers beyond `Int` become floats.
    init(foundation value: Any) {
        switch value {
        case let text as String: self = .string(text)
        case let number as NSNumber: self = Self(number: number)
        case let array as [Any]: self = .array(array.map(Self.init(foundation:)))
        case let object as [String: Any]: self = .object(object.mapValues(Self.init(foundation:)))
        default: self = .null
        }
    }

    private init(number: NSNumber) {
        switch String(cString: number.objCType) {
        case "c", "B": self = .bool(number.boolValue)
        case "d", "f": self = .double(number.doubleValue)
        default: self = Int(exactly: number).map(JSONValue.int) ?? .double(number.doubleValue)
        }
    }
}
