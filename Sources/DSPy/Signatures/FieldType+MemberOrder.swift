import JSON

/// A typed value is written with its model's members in declaration order, as pydantic dumps it.
extension FieldType: JSONMemberOrder {
    public var memberNames: [String] {
        switch self {
        case .object(let model): model.properties.map(\.name)
        case .optional(let wrapped): wrapped.memberNames
        default: []
        }
    }

    public func memberOrder(_ name: String) -> (any JSONMemberOrder)? {
        switch self {
        case .object(let model): model.properties.first { $0.name == name }?.type
        case .dict(_, let value?): value
        case .optional(let wrapped): wrapped.memberOrder(name)
        default: nil
        }
    }

    /// Whether the type holds a model or an enum, whose values are written as pydantic dumps them.
    var isStructured: Bool {
        switch self {
        case .object, .enumeration: true
        case .optional(let inner), .list(let inner?), .dict(_, let inner?): inner.isStructured
        default: false
        }
    }

    public var elementOrder: (any JSONMemberOrder)? {
        switch self {
        case .list(let element?): element
        case .optional(let wrapped): wrapped.elementOrder
        default: nil
        }
    }
}
