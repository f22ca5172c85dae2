import JSON

/// Typed access to the members of a JSON object, throwing `NotebookFormatError` with the member's path.
struct JSONFields {
    let members: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) throws {
        guard let members = value.objectValue else {
            throw NotebookFormatError(field: path.isEmpty ? "(document)" : path, problem: "expected an object")
        }
        self.members = members
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func required(_ key: String) throws -> JSONValue {
        guard let value = members[key] else { throw NotebookFormatError(field: name(key), problem: "missing") }
        return value
    }

    func int(_ key: String) throws -> Int {
        guard let number = try required(key).intValue else {
            throw NotebookFormatError(field: name(key), problem: "expected an integer")
        }
        return number
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard let value = members[key], value != .null else { return nil }
        guard let number = value.intValue else { throw NotebookFormatError(field: name(key), problem: "expected an integer or null") }
        return number
    }

    func string(_ key: String) throws -> String {
        guard let text = try required(key).stringValue else {
            throw NotebookFormatError(field: name(key), problem: "expected a string")
        }
        return text
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = members[key] else { return nil }
        guard let text = value.stringValue else { throw NotebookFormatError(field: name(key), problem: "expected a string") }
        return text
    }

    func array(_ key: String) throws -> [JSONValue] {
        guard let items = try required(key).arrayValue else {
            throw NotebookFormatError(field: name(key), problem: "expected an array")
        }
        return items
    }

    func object(_ key: String) throws -> [String: JSONValue]? {
        guard let value = members[key] else { return nil }
        guard let object = value.objectValue else { throw NotebookFormatError(field: name(key), problem: "expected an object") }
        return object
    }

    /// A string, or a list of lines to join (nbformat's multi-line string).
    func multilineText(_ key: String) throws -> String {
        try joinedText(required(key), field: name(key))
    }

    /// A mime bundle whose text entries may be split into lines; JSON mime types are left alone.
    func mimeBundle(_ key: String) throws -> [String: JSONValue] {
        guard let bundle = try object(key) else { throw NotebookFormatError(field: name(key), problem: "missing") }
        var joined: [String: JSONValue] = [:]
        for (mimeType, value) in bundle {
            let isJSON = mimeType == "application/json" || (mimeType.hasPrefix("application/") && mimeType.hasSuffix("+json"))
            if !isJSON, let lines = value.arrayValue, lines.allSatisfy({ $0.stringValue != nil }) {
                joined[mimeType] = .string(lines.compactMap(\.stringValue).joined())
            } else {
                joined[mimeType] = value
            }
        }
        return joined
    }

    private func joinedText(_ value: JSONValue, field: String) throws -> String {
        if let text = value.stringValue { return text }
        guard let lines = value.arrayValue else { throw NotebookFormatError(field: field, problem: "expected a string or a list of strings") }
        return try lines.enumerated().map { index, line in
            guard let text = line.stringValue else {
                throw NotebookFormatError(field: "\(field)[\(index)]", problem: "expected a string")
            }
            return text
        }.joined()
    }
}
