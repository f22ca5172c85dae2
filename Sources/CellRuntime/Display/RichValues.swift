import Foundation
import JSON

/// HTML shown as rendered markup.
public struct HTML: MimeRepresentable, Sendable {
    /// The markup.
    public var html: String
    /// Wraps `html` for display.
    public init(_ html: String) { self.html = html }
    public var mimeBundle: [String: JSONValue] { ["text/html": .string(html), "text/plain": "<HTML>"] }

    /// `text` with the characters that HTML would read as markup (`& < > "`) written as entities.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Markdown shown rendered.
public struct Markdown: MimeRepresentable, Sendable {
    /// The Markdown source.
    public var markdown: String
    /// Wraps `markdown` for display.
    public init(_ markdown: String) { self.markdown = markdown }
    public var mimeBundle: [String: JSONValue] { ["text/markdown": .string(markdown), "text/plain": .string(markdown)] }
}

/// An SVG image.
public struct SVG: MimeRepresentable, Sendable {
    /// The SVG document.
    public var svg: String
    /// Wraps an SVG document for display.
    public init(_ svg: String) { self.svg = svg }
    public var mimeBundle: [String: JSONValue] { ["image/svg+xml": .string(svg), "text/plain": "<SVG>"] }
}

/// A raster image.
public struct Image: MimeRepresentable, Sendable {
    /// The encoded image.
    public var data: Data
    /// The image's mime type, e.g. `image/png`.
    public var mimeType: String
    /// A PNG image from its encoded bytes.
    public init(png data: Data) { self.data = data; self.mimeType = "image/png" }
    /// A JPEG image from its encoded bytes.
    public init(jpeg data: Data) { self.data = data; self.mimeType = "image/jpeg" }
    public var mimeBundle: [String: JSONValue] {
        [mimeType: .string(data.base64EncodedString()), "text/plain": .string("<Image \(mimeType), \(data.count) bytes>")]
    }
}

/// A JSON document shown as a collapsible tree (`application/json`).
public struct JSON: MimeRepresentable, Sendable {
    /// The document.
    public var value: JSONValue
    /// Wraps a JSON value for display.
    public init(_ value: JSONValue) { self.value = value }
    /// Wraps any `Encodable` value, encoded as JSON.
    public init<T: Encodable>(encoding value: T) throws {
        self.value = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }
    public var mimeBundle: [String: JSONValue] {
        let text = (try? JSONEncoder.pretty.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "\(value)"
        return ["application/json": value, "text/plain": .string(text)]
    }
}

extension JSONEncoder {
    fileprivate static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
