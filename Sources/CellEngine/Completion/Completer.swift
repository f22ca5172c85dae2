import Foundation
import JSON
import JupyterKernel

/// Completion and inspection: `sourcekit-lsp` over the session's imports plus the code being edited (names
/// from the standard library, DSPy and earlier cells, members after a dot, signatures and doc comments), with
/// the session's own names and Swift's keywords when the server is unavailable or slow.
struct Completer {
    let engine: CellEngine

    private static let keywords = [
        "actor", "async", "await", "break", "case", "catch", "class", "continue", "default", "defer", "else", "enum",
        "extension", "false", "for", "func", "guard", "import", "init", "let", "nil", "protocol", "return", "self",
        "static", "struct", "switch", "throw", "throws", "true", "try", "typealias", "var", "where", "while",
    ]

    func complete(code: String, cursor: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(0, cursor), scalars.count)
        var start = end
        while start > 0, Self.isIdentifier(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<end]))
        let afterDot = start > 0 && scalars[start - 1] == "."
        var matches: [String] = []
        if let (text, line, column) = document(code: code, scalarOffset: end),
           let server = engine.languageServer {
            for completion in server.complete(text: text, line: line, column: column) {
                let name = String(completion.text.prefix { $0 != "(" })
                if !name.isEmpty, name.lowercased().hasPrefix(prefix.lowercased()), !matches.contains(name) {
                    matches.append(name)
                }
            }
        }
        if !afterDot, !prefix.isEmpty {
            let local = Set(Self.keywords + engine.declaredNames.map(\.name) + Self.identifiers(in: code))
            matches += local.filter { $0.hasPrefix(prefix) && $0 != prefix && !matches.contains($0) }.sorted()
        }
        return CompletionResult(matches: matches, cursorStart: start, cursorEnd: end)
    }

    func inspect(code: String, cursor: Int) -> MimeBundle? {
        let scalars = Array(code.unicodeScalars)
        var start = min(max(0, cursor), scalars.count)
        var end = start
        while start > 0, Self.isIdentifier(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, Self.isIdentifier(scalars[end]) { end += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<end]))
        if let declaration = engine.declaration(of: name) { return ["text/plain": .string(declaration)] }
        guard !name.isEmpty, let (text, line, column) = document(code: code, scalarOffset: start),
              let hover = engine.languageServer?.hover(text: text, line: line, column: column), !hover.isEmpty else {
            return nil
        }
        return ["text/plain": .string(hover), "text/markdown": .string(hover)]
    }

    /// The virtual document (imports, then the code) and the 0-based line and UTF-16 column of `scalarOffset`.
    private func document(code: String, scalarOffset: Int) -> (String, Int, Int)? {
        let header = engine.importHeader
        let before = String(String.UnicodeScalarView(code.unicodeScalars.prefix(scalarOffset)))
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
        let column = lines.last.map { $0.utf16.count } ?? 0
        return (header.joined(separator: "\n") + "\n" + code, header.count + lines.count - 1, column)
    }

    private static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static func identifiers(in code: String) -> Set<String> {
        Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init).filter { $0.count > 1 })
    }
}

extension CellEngine {
    /// The imports a new cell would get: what the completion document starts with.
    var importHeader: [String] { state.withLock { $0.namespace.header(declaring: []) } }

    /// Every name earlier cells declared that later cells see.
    var declaredNames: [DeclaredName] {
        state.withLock { state in
            state.namespace.owners.compactMap { name, index in
                state.namespace.cells[index].names.last { $0.name == name }
            }
        }
    }

    /// What inspection shows for `name`: a variable's type, or the declaration's source with its doc
    /// comment, and the cell it came from.
    func declaration(of name: String) -> String? {
        if let variable = variables.first(where: { $0.name == name }) {
            let cell = state.withLock { state in state.namespace.owners[name].map { state.namespace.cells[$0].executionCount } }
            return "\(name): \(variable.type)\ndeclared in cell [\(cell ?? 0)]"
        }
        return state.withLock { state -> String? in
            guard let index = state.namespace.owners[name] else { return nil }
            let cell = state.namespace.cells[index]
            let origin = "declared in cell [\(cell.executionCount)]"
            let lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
            guard let line = lines.firstIndex(where: { Self.declares($0, name) }) else { return origin }
            var docStart = line
            while docStart > 0, lines[docStart - 1].trimmingCharacters(in: .whitespaces).hasPrefix("///") { docStart -= 1 }
            let text = lines[docStart...line].map { $0.trimmingCharacters(in: .whitespaces) }
            return (text + [origin]).joined(separator: "\n")
        }
    }

    private static func declares(_ line: Substring, _ name: String) -> Bool {
        let words = line.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        let introducers: Set<Substring> = ["func", "struct", "class", "enum", "protocol", "actor", "typealias", "let", "var"]
        return zip(words, words.dropFirst()).contains { introducers.contains($0) && $1 == name }
    }
}
