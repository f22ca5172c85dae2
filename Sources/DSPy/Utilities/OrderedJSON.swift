import JSON

/// A JSON value with object members in insertion order, as Python dicts keep them (unlike `JSONValue` objects):
/// what SIMBA dumps into its rule prompt and GEPA renders into its reflection prompt.
public indirect enum OrderedJSON: Sendable {
    case value(JSONValue)
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])

    /// An object of fields in order (an example's or prediction's items).
    public static func fields(_ items: [(String, JSONValue)]) -> OrderedJSON {
        .object(items.map { ($0.0, .value($0.1)) })
    }

    /// `orjson.dumps(value, option=OPT_INDENT_2)`: two spaces per level (floats as Python's `repr`).
    public var dumped: String {
        var output = ""
        write(into: &output, level: 0)
        return output
    }

    private func write(into output: inout String, level: Int) {
        switch self {
        case .value(.object(let members)):
            OrderedJSON.object(members.sorted { $0.key < $1.key }.map { ($0.key, .value($0.value)) }).write(into: &output, level: level)
        case .value(.array(let items)):
            OrderedJSON.array(items.map { .value($0) }).write(into: &output, level: level)
        case .value(let scalar):
            output += scalar.pythonJSON()
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                output += (index > 0 ? "," : "") + "\n" + String(repeating: "  ", count: level + 1)
                output += JSONValue.pythonJSONString(key) + ": "
                value.write(into: &output, level: level + 1)
            }
            output += "\n" + String(repeating: "  ", count: level) + "}"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                output += (index > 0 ? "," : "") + "\n" + String(repeating: "  ", count: level + 1)
                item.write(into: &output, level: level + 1)
            }
            output += "\n" + String(repeating: "  ", count: level) + "]"
        }
    }
}
