import JSON

/// One row of data with named fields, marked into inputs and labels, as DSPy's `dspy.Example`.
///
/// ```swift
/// let sample = Example(["sql_prompt": "...", "sql_context": "...", "sql": "..."]).withInputs("sql_prompt", "sql_context")
/// sample.sql_prompt            // a field known to be there (a misspelled name stops with a message naming it)
/// try sample.value("sql")      // a field that may be absent: throws ExampleError.missingField
/// sample["sql"]                // subscript; nil when missing
/// try sample.inputs()          // only the input fields
/// ```
/// Fields keep their insertion order; printing shows them as Python does.
@dynamicMemberLookup
public struct Example: Hashable, Sendable {
    var store: OrderedFields
    /// The names marked as inputs by `withInputs`, or `nil` when none were marked.
    public private(set) var inputKeys: Set<String>?

    /// An example with `fields` in the given order.
    public init(_ fields: KeyValuePairs<String, JSONValue> = [:]) {
        self.store = OrderedFields(fields.map { ($0.key, $0.value) })
    }

    /// An example with `fields` in the given order.
    public init(fields: [(String, JSONValue)]) {
        self.store = OrderedFields(fields)
    }

    /// An example from a dictionary, whose fields take key order (a dictionary keeps none).
    public init(dictionary: [String: JSONValue]) {
        self.store = OrderedFields(dictionary.sorted { $0.key < $1.key })
    }

    /// A copy of `base` with `fields` added or replaced; `base`'s input marking is kept.
    public init(base: Example, _ fields: KeyValuePairs<String, JSONValue> = [:]) {
        self = base
        for (key, value) in fields { store[key] = value }
    }

    /// The value of `key`; `nil` when missing. Setting `nil` removes the field.
    public subscript(key: String) -> JSONValue? {
        get { store[key] }
        set { store[key] = newValue }
    }

    /// The value of a field the example is known to have, e.g. `sample.sql_prompt`, as Python's `sample.sql_prompt`.
    ///
    /// Like an array index, this is for fields the code knows are there (rows of a loaded dataset, whose loader
    /// checked every field): no `try`, and a misspelled name stops the cell with a message naming the field and the
    /// fields the example has, rather than a silent null that surfaces later as a wrong prompt. Where a field may be
    /// absent, use `try sample.value("name")`, which throws, or `sample["name"]`, which is optional.
    public subscript(dynamicMember key: String) -> JSONValue {
        guard let value = store[key] else { preconditionFailure(ExampleError.missingField(key, available: keys()).description) }
        return value
    }

    /// The value of a field that may be absent.
    /// - Throws: `ExampleError.missingField` naming the field and the fields the example has, as Python's
    ///   `AttributeError` does.
    public func value(_ key: String) throws(ExampleError) -> JSONValue {
        guard let value = store[key] else { throw .missingField(key, available: keys()) }
        return value
    }

    /// The value of `key`, or `defaultValue` when missing.
    public func get(_ key: String, default defaultValue: JSONValue = .null) -> JSONValue {
        store[key] ?? defaultValue
    }

    /// Whether the example has a field named `key`.
    public func contains(_ key: String) -> Bool { store[key] != nil }

    /// Field names in order, without DSPy's internal `dspy_` fields unless asked for.
    public func keys(includeDSPy: Bool = false) -> [String] {
        store.keys.filter { includeDSPy || !$0.hasPrefix("dspy_") }
    }

    /// Field values in order.
    public func values(includeDSPy: Bool = false) -> [JSONValue] {
        keys(includeDSPy: includeDSPy).map { store[$0]! }
    }

    /// `(name, value)` pairs in order.
    public func items(includeDSPy: Bool = false) -> [(String, JSONValue)] {
        keys(includeDSPy: includeDSPy).map { ($0, store[$0]!) }
    }

    /// The number of fields, not counting `dspy_` ones.
    public var count: Int { keys().count }

    /// The fields as a dictionary.
    public func toDict() -> [String: JSONValue] { store.values }

    /// A copy with `keys` marked as the inputs; the other fields are labels.
    public func withInputs(_ keys: String...) -> Example { withInputs(keys) }

    /// A copy with `keys` marked as the inputs; the other fields are labels.
    public func withInputs(_ keys: [String]) -> Example {
        var copy = self
        copy.inputKeys = Set(keys)
        return copy
    }

    /// Only the input fields (the input marking kept).
    ///
    /// - Throws: `ExampleError.inputsNotSet` when `withInputs` was never called.
    public func inputs() throws -> Example {
        guard let inputKeys else { throw ExampleError.inputsNotSet }
        var copy = self
        copy.store = store.filter { inputKeys.contains($0) }
        return copy
    }

    /// Only the label (non-input) fields.
    ///
    /// - Throws: `ExampleError.inputsNotSet` when `withInputs` was never called.
    public func labels() throws -> Example {
        guard let inputKeys else { throw ExampleError.inputsNotSet }
        return Example(fields: store.pairs.filter { !inputKeys.contains($0.0) })
    }

    /// A copy with fields added or replaced.
    public func copy(_ fields: KeyValuePairs<String, JSONValue> = [:]) -> Example { Example(base: self, fields) }

    /// A copy without `keys`.
    public func without(_ keys: String...) -> Example {
        var copy = self
        for key in keys { copy.store[key] = nil }
        return copy
    }

    public static func == (lhs: Example, rhs: Example) -> Bool { lhs.store == rhs.store }
    public func hash(into hasher: inout Hasher) { hasher.combine(store) }
}

extension Example: CustomStringConvertible {
    /// Python's form: `Example({'question': 'Why?', 'answer': 'Because.'}) (input_keys={'question'})`.
    public var description: String {
        let fields = items().map { JSONValue.pythonStringRepr($0.0) + ": " + $0.1.pythonRepr }.joined(separator: ", ")
        let keys = inputKeys.map { keys in
            keys.isEmpty ? "set()" : "{" + keys.sorted().map(JSONValue.pythonStringRepr).joined(separator: ", ") + "}"
        } ?? "None"
        return "Example({\(fields)}) (input_keys=\(keys))"
    }
}

/// Misuse of an `Example`.
public enum ExampleError: Error, Equatable, CustomStringConvertible {
    /// `inputs()` or `labels()` before `withInputs`.
    case inputsNotSet
    /// `example.name` for a field the example does not have.
    case missingField(String, available: [String])

    public var description: String {
        switch self {
        case .inputsNotSet:
            "Inputs have not been set for this example. Use `example.withInputs(...)` to set them."
        case .missingField(let name, let available):
            "The example has no field '\(name)'; its fields are: "
                + (available.isEmpty ? "none" : available.joined(separator: ", ")) + "."
        }
    }
}
