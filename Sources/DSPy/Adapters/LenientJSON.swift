import JSON

/// Reads model output as JSON the forgiving way DSPy does (`json_repair.loads`, then `ast.literal_eval`):
/// code fences, single quotes, bare words inside containers, trailing commas and trailing text are accepted.
enum LenientJSON {
    /// The value `json_repair.loads` would find, or `nil` where it gives up (it returns `""` there).
    static func repair(_ text: String) -> JSONValue? {
        let trimmed = PythonText.strip(text)
        if let fenced = fencedBody(trimmed) { return repair(fenced) }
        var reader = Reader(Array(trimmed.unicodeScalars))
        guard let first = reader.peek else { return nil }
        switch first {
        case "{", "[":
            return reader.container()
        case "\"":
            guard let string = reader.quoted(), reader.atEnd else { return nil }
            return .string(string)
        default:
            if let token = scalarToken(trimmed, python: false) { return token }
            // Prose, then a fenced block on a line of its own: the block.
            guard let fence = trimmed.range(of: "\n```") else { return nil }
            return repair(String(trimmed[trimmed.index(after: fence.lowerBound)...]))
        }
    }

    /// Python's `ast.literal_eval` on simple literals: numbers, quoted strings, `True`/`False`/`None`, and
    /// lists or dicts of them; `nil` when the text is not such a literal.
    static func pythonLiteral(_ text: String) -> JSONValue? {
        let trimmed = PythonText.strip(text)
        var reader = Reader(Array(trimmed.unicodeScalars))
        guard let first = reader.peek else { return nil }
        if first == "[" || first == "{" || first == "(" {
            reader.strictPython = true
            guard let value = reader.container(), reader.atEnd else { return nil }
            return value
        }
        if first == "'" || first == "\"" {
            guard let string = reader.quoted(), reader.atEnd else { return nil }
            return .string(string)
        }
        return scalarToken(trimmed, python: true)
    }

    /// A number or keyword literal making up the whole token.
    static func scalarToken(_ token: String, python: Bool) -> JSONValue? {
        switch token {
        case "true" where !python: return .bool(true)
        case "false" where !python: return .bool(false)
        case "null" where !python: return .null
        case "True" where python: return .bool(true)
        case "False" where python: return .bool(false)
        case "None" where python: return .null
        default: break
        }
        let body = token.hasPrefix("-") || token.hasPrefix("+") ? token.dropFirst() : Substring(token)
        guard let first = body.first, first.isASCII, first.isNumber || first == "." else { return nil }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-_".contains($0)) }) else { return nil }
        if let int = Int(token) { return .int(int) }
        if let double = Double(token) { return .double(double) }
        return nil
    }

    /// The body of a reply that opens with a code fence. Fences further in are text (a JSON string may quote
    /// Markdown with a fenced query in it), as they are to `json_repair`.
    private static func fencedBody(_ text: String) -> String? {
        guard text.hasPrefix("```") else { return nil }
        let afterOpen = text.dropFirst(3)
        let bodyStart = afterOpen.firstIndex(of: "\n").map { afterOpen.index(after: $0) } ?? afterOpen.startIndex
        let body = text[bodyStart...]
        let end = body.range(of: "```")?.lowerBound ?? body.endIndex
        return String(body[..<end])
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0
        /// Python literal syntax only: no bare words, no unclosed containers.
        var strictPython = false

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
        var atEnd: Bool { position >= scalars.count }

        mutating func skipSpace() {
            while let scalar = peek, PythonText.isSpace(scalar) { position += 1 }
        }

        mutating func quoted() -> String? {
            guard let quote = peek else { return nil }
            position += 1
            var result = String.UnicodeScalarView()
            while let scalar = peek {
                position += 1
                if scalar == quote { return String(result) }
                if scalar == "\\", let escaped = peek {
                    position += 1
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "r": result.append("\r")
                    case "b": result.append("\u{08}")
                    case "f": result.append("\u{0C}")
                    case "u":
                        let hex = String(String.UnicodeScalarView(scalars[position..<min(position + 4, scalars.count)]))
                        if let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) {
                            result.append(decoded); position += 4
                        } else {
                            result.append("u")
                        }
                    default: result.append(escaped)
                    }
                } else {
                    result.append(scalar)
                }
            }
            return nil
        }

        mutating func container() -> JSONValue? {
            guard let open = peek else { return nil }
            position += 1
            let close: Unicode.Scalar = open == "{" ? "}" : open == "[" ? "]" : ")"
            var elements: [JSONValue] = []
            var members: [String: JSONValue] = [:]
            while true {
                skipSpace()
                guard let scalar = peek else { return strictPython ? nil : finish(open, elements, members) }
                if scalar == close { position += 1; return finish(open, elements, members) }
                if scalar == "," { position += 1; continue }
                if open == "{" {
                    guard let key = value(), case .string(let name) = key ?? .null else {
                        if strictPython { return nil }
                        position += 1; continue
                    }
                    skipSpace()
                    guard peek == ":" else { if strictPython { return nil }; continue }
                    position += 1
                    skipSpace()
                    guard let member = value() else { return strictPython ? nil : finish(open, elements, members) }
                    members[name] = member ?? .null
                } else {
                    guard let element = value() else { return strictPython ? nil : finish(open, elements, members) }
                    if let element { elements.append(element) } else if strictPython { return nil }
                }
            }
        }

        private func finish(_ open: Unicode.Scalar, _ elements: [JSONValue], _ members: [String: JSONValue]) -> JSONValue {
            open == "{" ? .object(members) : .array(elements)
        }

        /// A value inside a container: `nil` at the end of the text, `.some(nil)` for an unreadable token.
        mutating func value() -> JSONValue?? {
            skipSpace()
            guard let scalar = peek else { return nil }
            if scalar == "{" || scalar == "[" || (strictPython && scalar == "(") { return .some(container()) }
            if scalar == "\"" || scalar == "'" { return .some(quoted().map(JSONValue.string)) }
            var token = ""
            while let next = peek, !",]}):".unicodeScalars.contains(next) {
                if next == "\n" && !strictPython { break }
                token.unicodeScalars.append(next)
                position += 1
            }
            let trimmed = PythonText.strip(token)
            if let literal = scalarToken(trimmed, python: strictPython) ?? (strictPython ? nil : scalarToken(trimmed, python: true)) {
                return .some(literal)
            }
            return .some(strictPython || trimmed.isEmpty ? nil : .string(trimmed))
        }
    }
}
