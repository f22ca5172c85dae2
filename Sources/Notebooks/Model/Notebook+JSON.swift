import Foundation
import JSON

extension Notebook {
    /// Reads a notebook from its JSON form; multi-line strings may be stored as lists of lines.
    /// - Throws: `NotebookFormatError` naming the field that is missing or malformed.
    public init(json: JSONValue) throws {
        let root = try JSONFields(json, path: "")
        nbformat = try root.int("nbformat")
        guard nbformat == 4 else {
            throw NotebookFormatError(field: "nbformat", problem: "version \(nbformat) is not supported (only 4)")
        }
        nbformatMinor = try root.int("nbformat_minor")
        metadata = try root.object("metadata") ?? [:]
        cells = try root.array("cells").enumerated().map { index, value in
            try Cell(json: value, path: "cells[\(index)]")
        }
    }

    /// The notebook's JSON form, with multi-line text split into lines as nbformat writes it.
    public var json: JSONValue {
        .object([
            "nbformat": .int(nbformat),
            "nbformat_minor": .int(nbformatMinor),
            "metadata": .object(metadata),
            "cells": .array(cells.map { $0.json(withID: usesCellIDs) }),
        ])
    }

    /// Parses notebook JSON text.
    public init(data: Data) throws {
        let json: JSONValue
        do {
            json = try JSONReader.parse(Array(data))
        } catch {
            throw NotebookFormatError(field: "(document)", problem: error.description)
        }
        try self.init(json: json)
    }

    /// Reads an `.ipynb` file.
    /// - Throws: `NotebookFormatError` carrying the file name, or the file system's error.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        do {
            try self.init(data: data)
        } catch var error as NotebookFormatError {
            error.file = url.path
            throw error
        }
    }

    /// The file text, byte for byte what `nbformat.write` produces for the same notebook.
    public func serialized() -> String { NotebookJSONWriter.text(of: json) }

    /// Writes the notebook as an `.ipynb` file.
    public func write(to url: URL) throws {
        try Data(serialized().utf8).write(to: url, options: .atomic)
    }
}

/// Through Foundation's coders, as part of a larger Codable value. Foundation's decoder reads `1.0` as the
/// integer 1, so files are read with `Notebook(data:)`, which keeps Python's distinction.
extension Notebook: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(json: JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

extension Cell {
    init(json: JSONValue, path: String) throws {
        let fields = try JSONFields(json, path: path)
        let type = try fields.string("cell_type")
        guard let kind = Kind(rawValue: type) else {
            throw NotebookFormatError(field: path + ".cell_type", problem: "unknown cell type \"\(type)\"")
        }
        self.init(kind, source: try fields.multilineText("source"), metadata: try fields.object("metadata") ?? [:],
                  id: try fields.optionalString("id"))
        if kind == .code {
            executionCount = try fields.optionalInt("execution_count")
            outputs = try fields.array("outputs").enumerated().map { index, value in
                try Output(json: value, path: "\(path).outputs[\(index)]")
            }
        } else {
            attachments = try fields.object("attachments")
        }
    }

    func json(withID: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "cell_type": .string(kind.rawValue),
            "metadata": .object(metadata),
            "source": splitLines(source),
        ]
        if withID, let id { members["id"] = .string(id) }
        switch kind {
        case .code:
            members["execution_count"] = executionCount.map(JSONValue.int) ?? .null
            members["outputs"] = .array(outputs.map(\.json))
        case .markdown, .raw:
            if let attachments { members["attachments"] = .object(attachments) }
        }
        return .object(members)
    }
}

extension Output {
    init(json: JSONValue, path: String) throws {
        let fields = try JSONFields(json, path: path)
        switch try fields.string("output_type") {
        case "stream":
            self = .stream(name: try fields.string("name"), text: try fields.multilineText("text"))
        case "display_data":
            self = .displayData(data: try fields.mimeBundle("data"), metadata: try fields.object("metadata") ?? [:])
        case "execute_result":
            self = .executeResult(executionCount: try fields.optionalInt("execution_count"),
                                  data: try fields.mimeBundle("data"), metadata: try fields.object("metadata") ?? [:])
        case "error":
            self = .error(name: try fields.string("ename"), value: try fields.string("evalue"),
                          traceback: try fields.array("traceback").enumerated().map { index, line in
                              guard let text = line.stringValue else {
                                  throw NotebookFormatError(field: "\(path).traceback[\(index)]", problem: "expected a string")
                              }
                              return text
                          })
        case let other:
            throw NotebookFormatError(field: path + ".output_type", problem: "unknown output type \"\(other)\"")
        }
    }

    var json: JSONValue {
        switch self {
        case .stream(let name, let text):
            ["output_type": "stream", "name": .string(name), "text": splitLines(text)]
        case .displayData(let data, let metadata):
            ["output_type": "display_data", "data": splitMimeBundle(data), "metadata": .object(metadata)]
        case .executeResult(let count, let data, let metadata):
            ["output_type": "execute_result", "execution_count": count.map(JSONValue.int) ?? .null,
             "data": splitMimeBundle(data), "metadata": .object(metadata)]
        case .error(let name, let value, let traceback):
            ["output_type": "error", "ename": .string(name), "evalue": .string(value),
             "traceback": .array(traceback.map(JSONValue.string))]
        }
    }
}

/// nbformat splits `text/*` entries, SVG and JavaScript into lines; JSON mime types stay as they are.
private func splitMimeBundle(_ data: [String: JSONValue]) -> JSONValue {
    var result: [String: JSONValue] = [:]
    for (mimeType, value) in data {
        let splittable = mimeType.hasPrefix("text/") || mimeType == "image/svg+xml" || mimeType == "application/javascript"
        if splittable, let text = value.stringValue {
            result[mimeType] = splitLines(text)
        } else {
            result[mimeType] = value
        }
    }
    return .object(result)
}

/// Python's `str.splitlines(True)`: lines keep their terminators, and an empty string has no lines.
func splitLines(_ text: String) -> JSONValue {
    var lines: [JSONValue] = []
    var current = ""
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
        current.unicodeScalars.append(scalar)
        pending = scalars.next()
        if scalar == "\r", pending == "\n" {
            current.unicodeScalars.append("\n")
            pending = scalars.next()
        }
        if pythonLineBreaks.contains(scalar.value) {
            lines.append(.string(current))
            current = ""
        }
    }
    if !current.isEmpty { lines.append(.string(current)) }
    return .array(lines)
}

/// The code points Python's `splitlines` breaks on.
private let pythonLineBreaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
