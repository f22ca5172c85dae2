import JSON

/// Writes JSON the way nbformat does on disk (`json.dumps(indent=1, sort_keys=True, ensure_ascii=False)`),
/// so a notebook read and written back by either tool yields the same bytes and diffs stay small.
enum NotebookJSONWriter {
    /// The text of `value`, with a trailing newline as `nbformat.write` adds.
    static func text(of value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// One-line JSON as Python's `json.dumps(value, sort_keys=True)` writes it (`["a", "b"]`, `{"k": 1}`),
    /// the form jupytext uses for cell metadata in literate scripts.
    static func inline(_ value: JSONValue) -> String {
        var out = ""
        writeInline(value, into: &out)
        return out
    }

    private static func writeInline(_ value: JSONValue, into out: inout String) {
        switch value {
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                writeInline(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted(by: pythonOrder).enumerated() {
                if index > 0 { out += ", " }
                writeString(key, into: &out)
                out += ": "
                writeInline(members[key]!, into: &out)
            }
            out += "}"
        default:
            write(value, indent: 0, into: &out)
        }
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number): out += pythonRepr(number)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                write(item, indent: indent + 1, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted(by: pythonOrder)
            for (index, key) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                writeString(key, into: &out)
                out += ": "
                write(members[key]!, indent: indent + 1, into: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// Python sorts `str` keys by code point; Swift's `<` on String compares grapheme clusters.
    private static func pythonOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }

    /// nbformat writes strings as `json.dumps(..., ensure_ascii=False)` does.
    private static func writeString(_ text: String, into out: inout String) {
        out += JSONValue.pythonJSONString(text)
    }

    /// Python's `repr(float)`, which Swift's description already matches for finite values
    /// (`1.0`, `1e+16`, `1.5e-07`); non-finite ones are written as Python's `json` writes them.
    private static func pythonRepr(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number < 0 ? "-Infinity" : "Infinity") }
        return "\(number)"
    }
}
