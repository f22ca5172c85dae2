import Foundation

extension CellEngine {
    /// The imports a new cell would get: what the completion document starts with.
    var importHeader: [String] { state.withLock { $0.namespace.header(declaring: []) } }

    /// The sources of the cells that ran, newest first.
    var cellSources: [String] { state.withLock { $0.namespace.cells.reversed().map(\.source) } }

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
