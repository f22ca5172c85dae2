/// Python's string operations that DSPy's prompt formatting relies on, reproduced exactly so prompts match.
enum PythonText {
    /// `str.isspace()` for one scalar.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// `str.title()`: a cased character after an uncased one (or at the start) is title-cased, the others lowered.
    static func title(_ text: String) -> String {
        var result = "", previousCased = false
        for scalar in text.unicodeScalars {
            result += previousCased ? scalar.properties.lowercaseMapping : scalar.properties.titlecaseMapping
            previousCased = scalar.properties.isCased
        }
        return result
    }

    /// `str.isidentifier()`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isXIDStart || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isXIDContinue }
    }

    /// `str.strip()`.
    static func strip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    /// `str.lstrip()`.
    static func lstrip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[start...])
    }

    /// `str.splitlines()`: splits on every Python line boundary, with no empty last line for a trailing break.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            switch scalar.value {
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(String(current)); current = .init()
            case 0x0D:
                lines.append(String(current)); current = .init()
                if pending == "\n" { pending = iterator.next() }
            default:
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    /// `inspect.cleandoc()` (Python 3.11): tabs expanded, the first line left-stripped, the common indentation of
    /// the other lines removed, leading and trailing empty lines dropped.
    static func cleandoc(_ text: String) -> String {
        var lines = expandTabs(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var margin = Int.max
        for line in lines.dropFirst() {
            let content = lstrip(line).unicodeScalars.count
            if content > 0 { margin = min(margin, line.unicodeScalars.count - content) }
        }
        if !lines.isEmpty { lines[0] = lstrip(lines[0]) }
        if margin < Int.max {
            for index in lines.indices.dropFirst() {
                lines[index] = String(lines[index].unicodeScalars.dropFirst(margin))
            }
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }

    /// `textwrap.dedent()`: whitespace-only lines emptied, then the common leading whitespace removed.
    static func dedent(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" } ? "" : String(line)
        }
        var margin: [Unicode.Scalar]?
        for line in lines where !line.isEmpty {
            let indent = Array(line.unicodeScalars.prefix { $0 == " " || $0 == "\t" })
            if let current = margin {
                margin = Array(zip(current, indent).prefix { $0 == $1 }.map(\.0))
            } else {
                margin = indent
            }
        }
        if let margin, !margin.isEmpty {
            lines = lines.map { $0.isEmpty ? $0 : String($0.unicodeScalars.dropFirst(margin.count)) }
        }
        return lines.joined(separator: "\n")
    }

    /// `str.expandtabs()` with tab stops every 8 columns.
    static func expandTabs(_ text: String) -> String {
        guard text.contains("\t") else { return text }
        var result = "", column = 0
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                let spaces = 8 - column % 8
                result += String(repeating: " ", count: spaces); column += spaces
            } else {
                result.unicodeScalars.append(scalar)
                column = (scalar == "\n" || scalar == "\r") ? 0 : column + 1
            }
        }
        return result
    }
}
