import Foundation
import JSON

/// An image input (DSPy's `dspy.Image`): sent to the model as an `image_url` content part of the user message.
///
/// ```swift
/// let describe = Predict(Signature { InputField("photo", type: .dspyType(.image)); OutputField("caption") })
/// let caption = try describe(photo: Image.fromPath("cat.png").json).caption
/// ```
public struct Image: Hashable, Sendable {
    /// An `http(s)://` or `gs://` URL, or a `data:` URL holding the image.
    public let url: String

    /// An image at a URL or in a `data:` URL.
    ///
    /// - Throws: `ImageError.unrecognized` for anything else (a local file goes through `fromPath`).
    public init(url: String) throws {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("data:") || Self.isRemote(trimmed) else { throw ImageError.unrecognized(trimmed) }
        self.url = trimmed
    }

    /// A local file read into a base64 `data:` URL, its MIME type from the file's extension.
    ///
    /// - Throws: `ImageError` when the file is missing or its type unknown.
    public static func fromPath(_ path: String) throws -> Image {
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw ImageError.fileNotFound(path)
        }
        let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let mime = mimeTypes[suffix] else { throw ImageError.unknownMIMEType(path) }
        return try Image(url: "data:\(mime);base64,\(data.base64EncodedString())")
    }

    /// The value a signature's `Image` field takes: `{"url": ...}`, as pydantic dumps a `dspy.Image`.
    public var json: JSONValue { ["url": .string(url)] }

    /// The extensions Python's `mimetypes` maps to image types.
    private static let mimeTypes = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "bmp": "image/bmp", "svg": "image/svg+xml", "tif": "image/tiff", "tiff": "image/tiff",
        "ico": "image/vnd.microsoft.icon",
    ]

    private static func isRemote(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else { return false }
        return ["http", "https", "gs"].contains(components.scheme ?? "")
    }
}

/// An image that cannot be made.
public enum ImageError: Error, Equatable, CustomStringConvertible {
    case unrecognized(String)
    case fileNotFound(String)
    case unknownMIMEType(String)

    public var description: String {
        switch self {
        case .unrecognized(let text): "Unrecognized image string: \(text). Local files must be loaded with Image.fromPath()."
        case .fileNotFound(let path): "File not found: \(path)"
        case .unknownMIMEType(let path): "Could not determine MIME type for file: \(path)"
        }
    }
}
