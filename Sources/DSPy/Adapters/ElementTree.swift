/// The part of Python's `xml.etree.ElementTree` that DSPy's `XMLAdapter` relies on: `fromstring` of a
/// well-formed document (expat's rules; comments and processing instructions dropped, as `TreeBuilder` does)
/// and `tostring` of an element.
enum ElementTree {
    /// An element as ElementTree keeps it: `text` before the first child, `tail` after the element's end tag.
    struct Element {
        var tag: String
        var attributes: [(name: String, value: String)] = []
        var text = ""
        var children: [Element] = []
        var tail = ""

        /// The attribute's value, when the element has it.
        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

        /// `ET.tostring(element, encoding="unicode")`: the element with its children and its tail.
        var serialized: String {
            var output = "<" + tag
            for (name, value) in attributes { output += " \(name)=\"\(Self.escapeAttribute(value))\"" }
            if text.isEmpty && children.isEmpty {
                output += " />"
            } else {
                output += ">" + Self.escapeText(text) + children.map(\.serialized).joined() + "</\(tag)>"
            }
            return output + Self.escapeText(tail)
        }

        private static func escapeText(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }

        private static func escapeAttribute(_ value: String) -> String {
            escapeText(value).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\r", with: "&#13;")
                .replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#09;")
        }
    }

    /// Text that is not well-formed XML, with where expat would stop (line from 1, column from 0).
    struct SyntaxError: Error, CustomStringConvertible {
        let reason: String
        let line: Int
        let column: Int

        var description: String { "\(reason): line \(line), column \(column)" }
    }

    /// `ET.fromstring(text)`: the document's root element.
    ///
    /// - Throws: `SyntaxError` for anything expat rejects: a bare `&` or `<`, an unknown entity, a mismatched
    ///   or missing end tag, a character XML does not allow, an unbound namespace prefix, text after the root.
    static func fromString(_ text: String) throws -> Element {
        var reader = ElementTreeReader(text)
        return try reader.document()
    }
}
