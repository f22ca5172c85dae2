import JSON

/// The output of a module: named fields (`pred.sql`), plus every completion when the model returned several.
@dynamicMemberLookup
public struct Prediction: Hashable, Sendable {
    var store: OrderedFields
    /// All completions of the call that made this prediction; `nil` for a prediction built by hand.
    public private(set) var completions: Completions?

    /// A prediction with `fields` in order.
    public init(_ fields: KeyValuePairs<String, JSONValue> = [:]) {
        self.store = OrderedFields(fields.map { ($0.key, $0.value) })
    }

    /// A prediction with `fields` in order.
    public init(fields: [(String, JSONValue)]) {
        self.store = OrderedFields(fields)
    }

    /// The first completion's fields, with all completions kept (`Prediction.from_completions`).
    public init(completions rows: [[String: JSONValue]], signature: Signature) {
        let completions = Completions(rows: rows, fieldOrder: signature.outputFields.map(\.name))
        self.store = OrderedFields(completions.first?.store.pairs ?? [])
        self.completions = completions
    }

    /// The value of `key`; `nil` when missing.
    public subscript(key: String) -> JSONValue? {
        get { store[key] }
        set { store[key] = newValue }
    }

    /// The value of a field by name, e.g. `pred.sql`; `.null` when the field is missing.
    public subscript(dynamicMember key: String) -> JSONValue {
        get { store[key] ?? .null }
        set { store[key] = newValue }
    }

    /// The value of `key`, or `defaultValue` when missing.
    public func get(_ key: String, default defaultValue: JSONValue = .null) -> JSONValue {
        store[key] ?? defaultValue
    }

    /// Field names in order.
    public func keys() -> [String] { store.keys.filter { !$0.hasPrefix("dspy_") } }

    /// `(name, value)` pairs in order.
    public func items() -> [(String, JSONValue)] { keys().map { ($0, store[$0]!) } }

    /// The fields as a dictionary.
    public func toDict() -> [String: JSONValue] { store.values }

    /// The fields as an `Example` (e.g. to use a prediction as a demo).
    public func toExample() -> Example { Example(fields: store.pairs) }

    /// The `score` field as a number (Python's `float(pred)`), when there is one.
    public var score: Double? {
        switch store["score"] {
        case .bool(let value)?: value ? 1 : 0
        case let value?: value.doubleValue
        case nil: nil
        }
    }

    public static func == (lhs: Prediction, rhs: Prediction) -> Bool { lhs.store == rhs.store }
    public func hash(into hasher: inout Hasher) { hasher.combine(store) }
}

extension Prediction: CustomStringConvertible {
    /// Python's form: `Prediction(\n    sql='SELECT 1'\n)`, noting omitted completions.
    public var description: String {
        let fields = items().map { "\($0.0)=\($0.1.pythonRepr)" }.joined(separator: ",\n    ")
        guard let completions, completions.count > 1 else { return "Prediction(\n    \(fields)\n)" }
        return "Prediction(\n    \(fields),\n    completions=Completions(...)\n) (\(completions.count - 1) completions omitted)"
    }
}

/// Every completion of one call, as predictions; `completions.sql` lists each completion's `sql`.
@dynamicMemberLookup
public struct Completions: Hashable, Sendable, RandomAccessCollection {
    private let predictions: [Prediction]

    init(rows: [[String: JSONValue]], fieldOrder: [String]) {
        self.predictions = rows.map { row in
            let ordered = fieldOrder.compactMap { key in row[key].map { (key, $0) } }
            let extra = row.keys.filter { !fieldOrder.contains($0) }.sorted().map { ($0, row[$0]!) }
            return Prediction(fields: ordered + extra)
        }
    }

    public var startIndex: Int { predictions.startIndex }
    public var endIndex: Int { predictions.endIndex }
    public subscript(position: Int) -> Prediction { predictions[position] }

    /// One field across all completions.
    public subscript(dynamicMember key: String) -> [JSONValue] { predictions.map { $0[key] ?? .null } }
}
