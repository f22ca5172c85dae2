import Foundation
import JSON

/// How DSPy carries a custom type's content parts (an `Image`) through the text of a message: the parts as JSON
/// between two markers, expanded into parts of their own when the message is built
/// (`_expand_legacy_custom_type_markers_in_chat_message`).
enum CustomTypeMarkers {
    static let start = "<<CUSTOM-TYPE-START-IDENTIFIER>>"
    static let end = "<<CUSTOM-TYPE-END-IDENTIFIER>>"

    /// An image's parts between the markers, as `Image.format()` serializes them.
    static func wrap(imageURL url: String) -> String {
        start + "[{\"type\": \"image_url\", \"image_url\": {\"url\": " + JSONValue.pythonJSONString(url) + "}}]" + end
    }

    /// The text cut at each marked span, each span's JSON read into parts (also when it was JSON-encoded a second
    /// time inside a list or dict value); a span that is not JSON stays text.
    static func split(_ text: String) -> [ChatMessage.Part] {
        guard text.contains(start) else { return [.text(text)] }
        var parts: [ChatMessage.Part] = []
        var rest = text[...]
        while let open = rest.range(of: start), let close = rest[open.upperBound...].range(of: end) {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let payload = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            parts += blocks(payload) ?? [.text(payload)]
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }

    private static func blocks(_ payload: String) -> [ChatMessage.Part]? {
        var parsed = try? JSONValue(parsing: Data(payload.utf8))
        if parsed == nil, let inner = (try? JSONValue(parsing: Data("\"\(payload)\"".utf8)))?.stringValue {
            parsed = try? JSONValue(parsing: Data(inner.utf8))
        }
        return parsed?.arrayValue?.map { block in
            if block["type"] == "image_url", let url = block["image_url"]?["url"]?.stringValue { return .imageURL(url) }
            return .text(block["text"]?.stringValue ?? block.pythonStr)
        }
    }
}
