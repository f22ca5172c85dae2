import Foundation
import JSON
import JupyterKernel

/// Completion and inspection from what the session knows: names declared by earlier cells (with their
/// declarations and types), names in the code being edited, and Swift's keywords.
struct Completer {
    let engine: CellEngine

    private static let keywords = [
        "actor", "as", "async", "await", "break", "case", "catch", "class", "continue", "default", "defer", "do",
        "else", "enum", "extension", "false", "for", "func", "guard", "if", "import", "in", "init", "let", "nil",
        "protocol", "return", "self", "static", "struct", "switch", "throw", "throws", "true", "try", "typealias",
        "var", "where", "while", "print", "display", "configure", "Predict", "ChainOfThought", "Signature",
        "InputField", "OutputField", "Example", "Prediction", "Module", "Evaluate",
    ]

    func complete(code: String, cursor: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(0, cursor), scalars.count)
        var start = end
        while start > 0, Self.isIdentifier(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<end]))
        var candidates = Set(Self.keywords)
        candidates.formUnion(engine.declaredNames.map(\.name))
        candidates.formUnion(Self.identifiers(in: code))
        candidates.remove(prefix)
        let matches = candidates.filter { $0.hasPrefix(prefix) && !prefix.isEmpty }.sorted()
        return CompletionResult(matches: matches, cursorStart: start, cursorEnd: end)
    }

    func inspect(code: String, cursor: Int) -> MimeBundle? {
        let scalars = Array(code.unicodeScalars)
        var start = min(max(0, cursor), scalars.count)
        var end = start
        while start > 0, Self.isIdentifier(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, Self.isIdentifier(scalars[end]) { end += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<end]))
        guard let declaration = engine.declaration(of: name) else { return nil }
        return ["text/plain": .string(declaration)]
    }

    private static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static func identifiers(in code: String) -> Set<String> {
        Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init).filter { $0.count > 1 })
    }
}

extension CellEngine {
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
        state.withLock { state -> String? in
            guard let index = state.namespace.owners[name] else { return nil }
            let cell = state.namespace.cells[index]
            let origin = "declared in cell [\(cell.executionCount)]"
            if let type = cell.compiled.variableTypes[name] { return "\(name): \(type)\n\(origin)" }
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
