import JSON

/// DSPy's nested XML for typed `list` and `dict` outputs: values and their structure as elements in prompts,
/// and elements read back into values by the field's JSON schema.
extension XMLAdapter {
    /// `_uses_nested_xml`: outputs typed `list[T]` or `dict[K, V]`, optional or not. A bare `list` or `dict`,
    /// like every input, is written as JSON text.
    static func usesNestedXML(_ type: FieldType) -> Bool {
        var type = type
        if case .optional(let wrapped) = type { type = wrapped }
        switch type {
        case .list(.some), .dict(.some, .some): return true
        default: return false
        }
    }

    /// `_value_to_xml`: lists as `<item>` children, objects as children named by their keys (`<entry key="...">`
    /// for keys that are not identifiers), `null` as an empty element, scalars as Python's `str()`.
    static func valueXML(_ value: JSONValue, tag: String, key: String? = nil) -> String {
        let attributes = key.map { " key=" + quotedAttribute($0) } ?? ""
        switch value {
        case .array(let items):
            let children = items.map { valueXML($0, tag: "item") }.joined()
            return children.isEmpty ? "<\(tag)\(attributes) />" : "<\(tag)\(attributes)>\(children)</\(tag)>"
        case .object(let members):
            let children = members.keys.sorted().map { name in
                let normalized = String(name.prefix(1))
                    + name.dropFirst().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
                return PythonText.isIdentifier(normalized)
                    ? valueXML(members[name]!, tag: name) : valueXML(members[name]!, tag: "entry", key: name)
            }
            return "<\(tag)\(attributes)>\(children.joined())</\(tag)>"
        case .null:
            return "<\(tag)\(attributes) />"
        default:
            let text = value.pythonStr.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return "<\(tag)\(attributes)>\(text)</\(tag)>"
        }
    }

    /// Python's `xml.sax.saxutils.quoteattr`.
    private static func quotedAttribute(_ value: String) -> String {
        let data = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;")
        guard data.contains("\"") else { return "\"\(data)\"" }
        return data.contains("'") ? "\"" + data.replacingOccurrences(of: "\"", with: "&quot;") + "\"" : "'\(data)'"
    }

    /// `_xml_schema`: the element structure a field's schema asks for, `<tags><item>...</item></tags>`.
    static func schemaXML(_ tag: String, _ schema: JSONValue) -> String {
        if let choices = schema["anyOf"]?.arrayValue, let first = choices.first {
            return schemaXML(tag, choices.first { $0["type"] != "null" } ?? first)
        }
        if schema["type"] == "array" { return "<\(tag)>\(schemaXML("item", schema["items"] ?? [:]))</\(tag)>" }
        return "<\(tag)>...</\(tag)>"
    }

    /// `_group_children`: an element's children by tag (`entry` children by their `key`), in document order.
    static func groupedChildren(_ element: ElementTree.Element) -> [(name: String, elements: [ElementTree.Element])] {
        var groups: [(name: String, elements: [ElementTree.Element])] = []
        for child in element.children {
            let name = child.tag == "entry" ? child.attribute("key") ?? child.tag : child.tag
            if let index = groups.firstIndex(where: { $0.name == name }) {
                groups[index].elements.append(child)
            } else {
                groups.append((name, [child]))
            }
        }
        return groups
    }

    /// `_elements_to_value`: the raw value (text, lists, objects) of a field's elements, shaped by `schema`;
    /// the field's type then parses it. A list written as JSON text comes back as that text.
    static func value(of elements: [ElementTree.Element], schema: JSONValue) -> JSONValue {
        var schema = schema
        let first = elements[0]
        if let choices = schema["anyOf"]?.arrayValue {
            if choices.contains(["type": "null"]), first.children.isEmpty, PythonText.strip(first.text).isEmpty { return .null }
            let present = choices.filter { $0["type"] != "null" }
            schema = present.first ?? [:]
            if !first.children.isEmpty { schema = present.first { $0["type"] != "string" } ?? schema }
        }
        if schema["type"] == "array" {
            var items = elements
            if elements.count == 1, first.children.isEmpty {
                let text = PythonText.strip(first.text)
                if text.isEmpty { return [] }
                if text.hasPrefix("[") { return .string(text) }
            }
            if elements.count == 1, let listed = groupedChildren(first).first(where: { $0.name == "item" }) {
                items = listed.elements
            }
            return .array(items.map { value(of: [$0], schema: schema["items"] ?? [:]) })
        }
        if schema["type"] == "string", !first.children.isEmpty {
            return .string(first.text + first.children.map(\.serialized).joined())
        }
        let children = groupedChildren(first)
        guard !children.isEmpty else {
            if schema["type"] == "object", PythonText.strip(first.text).isEmpty { return [:] }
            let texts = elements.map { JSONValue.string(PythonText.strip($0.text)) }
            return texts.count == 1 ? texts[0] : .array(texts)
        }
        // Field types have no named properties (no models), so every child takes the object's value schema.
        let childSchema = schema["additionalProperties"].flatMap { $0.objectValue.map(JSONValue.object) } ?? [:]
        return .object(Dictionary(uniqueKeysWithValues: children.map { ($0.name, value(of: $0.elements, schema: childSchema)) }))
    }
}
