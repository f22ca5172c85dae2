/// A reader of XML 1.0 documents into `ElementTree.Element`s that accepts what expat accepts and rejects what it
/// rejects, for the documents DSPy's XMLAdapter builds around a completion (no DTD, no external entities).
///
/// Unlike expat it refuses elements nested more than `maxDepth` deep: the reader and the value shaping recurse,
/// and a hostile completion must not exhaust a worker thread's stack (Python's own reading of such values
/// fails too, at its recursion limit).
struct ElementTreeReader {
    static let maxDepth = 200
    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// The namespace prefixes declared by the open elements (`xml` always is); one entry per open element.
    private var prefixScopes: [Set<String>] = [["xml"]]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func document() throws -> ElementTree.Element {
        try skipMisc()
        guard peek("<") else { throw failure(isAtEnd ? "no element found" : "syntax error") }
        let root = try element()
        try skipMisc()
        guard isAtEnd else { throw failure("junk after document element") }
        return root
    }

    // MARK: Elements

    private mutating func element() throws -> ElementTree.Element {
        guard prefixScopes.count <= Self.maxDepth else { throw failure("elements nested deeper than \(Self.maxDepth) levels") }
        position += 1  // "<"
        var element = ElementTree.Element(tag: try name())
        var declared = prefixScopes.last!
        var isEmpty = false
        while true {
            let hadSpace = skipSpaces()
            if consume("/>") { isEmpty = true }
            if isEmpty || consume(">") { break }
            guard hadSpace, !isAtEnd else { throw failure(isAtEnd ? "unclosed token" : "not well-formed (invalid token)") }
            let attributeName = try name()
            guard element.attribute(attributeName) == nil else { throw failure("duplicate attribute") }
            skipSpaces()
            guard consume("=") else { throw failure("not well-formed (invalid token)") }
            skipSpaces()
            let value = try attributeValue()
            if attributeName.hasPrefix("xmlns:") { declared.insert(String(attributeName.dropFirst(6))) }
            element.attributes.append((attributeName, value))
        }
        for name in [element.tag] + element.attributes.map(\.name) where !name.hasPrefix("xmlns") {
            if let colon = name.firstIndex(of: ":"), !declared.contains(String(name[..<colon])) {
                throw failure("unbound prefix")
            }
        }
        if isEmpty { return element }
        prefixScopes.append(declared)
        defer { prefixScopes.removeLast() }
        try content(of: &element)
        return element
    }

    /// Text, children, comments, CDATA and processing instructions up to and including the end tag.
    private mutating func content(of element: inout ElementTree.Element) throws {
        var text = String.UnicodeScalarView()
        func flush(_ element: inout ElementTree.Element) {
            if element.children.isEmpty { element.text += String(text) } else { element.children[element.children.count - 1].tail += String(text) }
            text = String.UnicodeScalarView()
        }
        while true {
            guard !isAtEnd else { throw failure("no element found") }
            if consume("</") {
                let nameStart = position
                guard try name() == element.tag else { throw failure("mismatched tag", at: nameStart) }
                skipSpaces()
                guard consume(">") else { throw failure(isAtEnd ? "unclosed token" : "not well-formed (invalid token)") }
                flush(&element)
                return
            } else if consume("<![CDATA[") {
                text.append(contentsOf: try until("]]>", unclosed: "unclosed CDATA section"))
            } else if peek("<!--") || peek("<?") {
                try skipCommentOrInstruction()
            } else if peek("<") {
                flush(&element)
                element.children.append(try self.element())
            } else if consume("&") {
                text.append(try reference())
            } else if peek("]]>") {
                throw failure("not well-formed (invalid token)")
            } else {
                text.append(try character())
            }
        }
    }

    private mutating func attributeValue() throws -> String {
        guard let quote = scalars[safe: position], quote == "\"" || quote == "'" else {
            throw failure("not well-formed (invalid token)")
        }
        position += 1
        var value = String.UnicodeScalarView()
        while true {
            guard !isAtEnd else { throw failure("unclosed token") }
            if consume(String(quote)) { return String(value) }
            if peek("<") { throw failure("not well-formed (invalid token)") }
            if consume("&") {
                value.append(try reference())
            } else {
                let scalar = try character()
                value.append(scalar == "\n" || scalar == "\t" ? " " : scalar)
            }
        }
    }

    // MARK: Lexical pieces

    /// One character of text, with `\r\n` and `\r` read as `\n`.
    private mutating func character() throws -> Unicode.Scalar {
        let scalar = scalars[position]
        guard Self.isXMLCharacter(scalar) else { throw failure("not well-formed (invalid token)") }
        position += 1
        if scalar == "\r" {
            if peek("\n") { position += 1 }
            return "\n"
        }
        return scalar
    }

    /// A character or entity reference after its `&`.
    private mutating func reference() throws -> Unicode.Scalar {
        let start = position, ampersand = position - 1
        while let scalar = scalars[safe: position], scalar != ";" {
            guard scalar == "#" || Self.isNameCharacter(scalar) else { throw failure("not well-formed (invalid token)") }
            position += 1
        }
        guard !isAtEnd else { throw failure("unclosed token") }
        let body = String(String.UnicodeScalarView(scalars[start..<position]))
        position += 1  // ";"
        switch body {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard body.hasPrefix("#") else {
                throw body.isEmpty ? failure("not well-formed (invalid token)") : failure("undefined entity", at: ampersand)
            }
            let digits = body.dropFirst()
            let code = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard !digits.isEmpty, digits != "x", let code else { throw failure("not well-formed (invalid token)") }
            guard let scalar = Unicode.Scalar(code), Self.isXMLCharacter(scalar) else {
                throw failure("reference to invalid character number")
            }
            return scalar
        }
    }

    private mutating func name() throws -> String {
        guard let first = scalars[safe: position], Self.isNameStartCharacter(first) else {
            throw failure(isAtEnd ? "unclosed token" : "not well-formed (invalid token)")
        }
        let start = position
        while let scalar = scalars[safe: position], Self.isNameCharacter(scalar) { position += 1 }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    /// Whitespace, comments and processing instructions, as allowed around the root element.
    private mutating func skipMisc() throws {
        while true {
            skipSpaces()
            guard peek("<!--") || peek("<?") else { return }
            try skipCommentOrInstruction()
        }
    }

    private mutating func skipCommentOrInstruction() throws {
        if consume("<!--") {
            let body = try until("-->", unclosed: "unclosed token")
            if String(body).contains("--") || body.last == "-" { throw failure("not well-formed (invalid token)") }
        } else {
            position += 2  // "<?"
            let target = try name()
            if target.lowercased() == "xml" { throw failure("XML or text declaration not at start of entity") }
            _ = try until("?>", unclosed: "unclosed token")
        }
    }

    /// The characters up to `terminator`, which is consumed.
    private mutating func until(_ terminator: String, unclosed: String) throws -> String.UnicodeScalarView {
        var body = String.UnicodeScalarView()
        while !consume(terminator) {
            guard !isAtEnd else { throw failure(unclosed) }
            body.append(try character())
        }
        return body
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while let scalar = scalars[safe: position], [" ", "\t", "\n", "\r"].contains(scalar) { position += 1 }
        return position > start
    }

    private var isAtEnd: Bool { position >= scalars.count }

    private func peek(_ text: String) -> Bool {
        var index = position
        for scalar in text.unicodeScalars {
            guard scalars[safe: index] == scalar else { return false }
            index += 1
        }
        return true
    }

    private mutating func consume(_ text: String) -> Bool {
        guard peek(text) else { return false }
        position += text.unicodeScalars.count
        return true
    }

    /// An error at `index` (the current position by default), placed as expat places it.
    private func failure(_ reason: String, at index: Int? = nil) -> ElementTree.SyntaxError {
        let before = scalars[..<min(index ?? position, scalars.count)]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - ((before.lastIndex(of: "\n") ?? -1) + 1)
        return ElementTree.SyntaxError(reason: reason, line: line, column: column)
    }

    // MARK: Character classes (XML 1.0, fifth edition)

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func isNameStartCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF,
             0xFDF0...0xFFFD, 0x10000...0xEFFFF: true
        default: false
        }
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: isNameStartCharacter(scalar)
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
