import JSON

/// Named values in insertion order, like the Python dict inside `Example` and `Prediction`.
struct OrderedFields: Hashable, Sendable {
    private(set) var keys: [String] = []
    private(set) var values: [String: JSONValue] = [:]

    init() {}

    init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        for (key, value) in pairs { self[key] = value }
    }

    subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    var pairs: [(String, JSONValue)] { keys.map { ($0, values[$0]!) } }

    func filter(_ isIncluded: (String) -> Bool) -> OrderedFields {
        OrderedFields(pairs.filter { isIncluded($0.0) })
    }

    static func == (lhs: OrderedFields, rhs: OrderedFields) -> Bool { lhs.values == rhs.values }
    func hash(into hasher: inout Hasher) { hasher.combine(values) }
}
