import Foundation
import JSON

extension LiterateScript {
    /// The notebook a literate script describes; cells get stable ids, and a script without a header
    /// gets the "Swift (DSPy)" kernelspec.
    /// - Throws: `LiterateScriptError` naming the line: an unterminated header, a malformed marker,
    ///   an uncommented line in a markdown cell.
    public static func parse(_ text: String) throws -> Notebook {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var notebook = Notebook()
        var position = 0
        if lines.first == "// ---" {
            guard let end = lines.dropFirst().firstIndex(of: "// ---") else {
                throw LiterateScriptError.line(1, "the header starting here has no closing \"// ---\"")
            }
            let header = try ScriptHeader.parse(lines[1..<end], firstLine: 2)
            for (key, value) in header where headerMetadataKeys.contains(key) {
                notebook.metadata[key] = value
            }
            position = end + 1
        }
        if notebook.metadata["kernelspec"] == nil { notebook.metadata["kernelspec"] = Notebook.swiftDSPyKernelspec }
        notebook.metadata["language_info"] = ["name": "swift", "file_extension": ".swift", "mimetype": "text/x-swift"]

        var pending: (cell: Cell, firstLine: Int, body: [Substring])?
        var preamble: [Substring] = []
        func finish() throws {
            guard let (cell, firstLine, body) = pending else { return }
            notebook.cells.append(try makeCell(cell, body: body, firstLine: firstLine))
        }
        for (offset, line) in lines[position...].enumerated() {
            let number = position + offset + 1
            if isMarker(line) {
                try finish()
                pending = (try markerCell(line, number: number), number + 1, [])
            } else if pending != nil {
                pending!.body.append(line)
            } else {
                preamble.append(line)
            }
        }
        try finish()
        let code = trimmedTrailingBlankLines(preamble)
        if !code.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
            notebook.cells.insert(.code(code.joined(separator: "\n")), at: 0)
        }
        notebook.assignMissingCellIDs()
        return notebook
    }

    private static func makeCell(_ cell: Cell, body: [Substring], firstLine: Int) throws -> Cell {
        var cell = cell
        let lines = trimmedTrailingBlankLines(body)
        switch cell.kind {
        case .code:
            cell.source = lines.joined(separator: "\n")
        case .markdown, .raw:
            cell.source = try lines.enumerated().map { offset, line -> Substring in
                if line == comment || line.isEmpty { return "" }
                if line.hasPrefix(comment + " ") { return line.dropFirst(comment.count + 1) }
                if line.hasPrefix(comment) { return line.dropFirst(comment.count) }
                throw LiterateScriptError.line(firstLine + offset,
                                               "a line of a \(cell.kind.rawValue) cell must be a // comment")
            }.joined(separator: "\n")
        }
        return cell
    }

    private static func trimmedTrailingBlankLines(_ lines: [Substring]) -> [Substring] {
        var lines = lines
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    /// The empty cell a marker line describes: its kind and its `key=<JSON>` metadata.
    private static func markerCell(_ line: Substring, number: Int) throws -> Cell {
        var rest = line.dropFirst(marker.count).drop(while: { $0 == " " })
        var cell = Cell(.code, source: "")
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"),
                  let kind = Cell.Kind(rawValue: rest[rest.index(after: rest.startIndex)..<close] == "md"
                      ? "markdown" : String(rest[rest.index(after: rest.startIndex)..<close])),
                  kind != .code
            else {
                throw LiterateScriptError.line(number, "expected [markdown] or [raw] after \"\(marker)\"")
            }
            cell.kind = kind
            rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
        }
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "="), rest[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) }),
                  equals != rest.startIndex
            else {
                throw LiterateScriptError.line(number, "expected key=<JSON> metadata, found \"\(rest)\"")
            }
            let key = String(rest[..<equals])
            let valueStart = rest.index(after: equals)
            let valueEnd = endOfJSONValue(in: rest, from: valueStart)
            let valueText = rest[valueStart..<valueEnd]
            guard let value = try? JSONReader.parse(String(valueText)) else {
                throw LiterateScriptError.line(number, "the value of \(key) is not JSON: \(valueText)")
            }
            cell.metadata[key] = value
            rest = rest[valueEnd...].drop(while: { $0 == " " })
        }
        return cell
    }

    /// Where a JSON value that starts at `start` ends: after its closing bracket or quote, or at the next space.
    private static func endOfJSONValue(in text: Substring, from start: Substring.Index) -> Substring.Index {
        guard start < text.endIndex, "[{\"".contains(text[start]) else {
            return text[start...].firstIndex(of: " ") ?? text.endIndex
        }
        var depth = 0
        var inString = false
        var escaped = false
        var index = start
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            }
            if depth == 0 && !inString { return index }
        }
        return index
    }
}
