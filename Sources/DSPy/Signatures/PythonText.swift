/// Python's string operations that DSPy's prompt formatting relies on, reproduced exactly so prompts match.
enum PythonText {
    /// `str.isspace()` for one scalar.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII answered directly: Unicode property lookups dominate prompt formatting otherwise.
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) || (0x1C...0x1F).contains(scalar.value) }
        return scalar.properties.isWhitespace
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
        if !mayHaveSpaceAtAnEnd(text) { return text }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    /// False when the first and last bytes are ASCII and not spaces: then `strip` has nothing to remove, which
    /// is the usual case and is answered without decoding scalars from both ends.
    private static func mayHaveSpaceAtAnEnd(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return true }
        return first >= 0x80 || last >= 0x80 || isSpace(Unicode.Scalar(first)) || isSpace(Unicode.Scalar(last))
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
        var text = text
        text.withUTF8 { bytes in
            var start = 0, index = 0
            while index < bytes.count {
                let length = lineBreakLength(bytes, at: index)
                if length == 0 {
                    index += 1
                    continue
                }
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                index += length
                start = index
            }
            if start < bytes.count {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
        }
        return lines
    }

    /// The UTF-8 length of the line boundary at `index` (`\r\n` counts as one), or 0: \n \v \f \r, U+001C–U+001E,
    /// U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9).
    private static func lineBreakLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch bytes[index] {
        case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E: return 1
        case 0x0D: return byte(1) == 0x0A ? 2 : 1
        case 0xC2: return byte(1) == 0x85 ? 2 : 0
        case 0xE2: return byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9) ? 3 : 0
        default: return 0
        }
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
        guard hasIndentedLine(text) else { return text }
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

    /// Whether some line starts with a space or a tab; when none does, `dedent` has nothing to remove.
    private static func hasIndentedLine(_ text: String) -> Bool {
        var atLineStart = true
        for byte in text.utf8 {
            if atLineStart && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) { return true }
            atLineStart = byte == UInt8(ascii: "\n")
        }
        return false
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
