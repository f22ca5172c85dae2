/// What earlier cells left for later ones: which cell owns each name now, and the imports a new cell needs.
///
/// A value type with pure transitions, so the rules of redefinition can be tested without a compiler.
struct Namespace: Sendable {
    /// A cell that compiled and ran.
    struct Cell: Sendable {
        var compiled: CompiledCell
        var source: String
        var executionCount: Int
        var names: [DeclaredName]
        /// Whether the cell declares extensions or operators, which no scoped import names: imported whole
        /// while none of its names is redefined (its library then also declares the extensions marker).
        var importedWhole: Bool
        /// The cell's own `import` lines, which every later cell repeats.
        var imports: [String]
        /// False after a worker restart until the cell runs again: its variables have no values.
        var ranInCurrentWorker: Bool
    }

    /// The modules every cell sees without an import line.
    static let preloadedModules = ["Foundation", "DSPy", "SQLToolkit", "MCP", "JSON", "CellRuntime"]

    private(set) var cells: [Cell] = []
    /// Name → index of the newest cell declaring it.
    private(set) var owners: [String: Int] = [:]

    /// The import lines for a new cell that declares `ownNames` itself.
    ///
    /// A cell all of whose names are still visible is imported whole (its operators and extensions too). A
    /// cell some of whose names were redefined since — by a later cell or by the new cell — contributes only
    /// its still-visible names, through scoped imports: Swift only shadows an imported declaration by one of
    /// the same signature, so importing it whole would make `func g() -> E` of an old cell (its own `E`)
    /// ambiguous with the new `g`. Extension members come with any scoped import (operators do not); a cell
    /// whose only visible declarations are extension members is reached through its marker type.
    func header(declaring ownNames: Set<String>) -> [String] {
        var lines = Self.preloadedModules.map { "import \($0)" }
        var seen = Set(lines)
        for cell in cells {
            for line in cell.imports where seen.insert(line).inserted { lines.append(line) }
        }
        for (index, cell) in cells.enumerated() {
            let names = Set(cell.names.map(\.name))
            let visible = names.filter { owners[$0] == index && !ownNames.contains($0) }
            let module = cell.compiled.module
            if visible.count == names.count {
                if !names.isEmpty || cell.importedWhole { lines.append("@testable import \(module)") }
                continue
            }
            var importedByName = false
            for name in visible.sorted() {
                guard let declared = cell.names.last(where: { $0.name == name }), declared.kind.isImportable else { continue }
                lines.append("@testable import \(declared.kind.rawValue) \(module).\(name)")
                importedByName = true
            }
            if !importedByName, !visible.isEmpty {
                lines.append("@testable import enum \(module).\(Self.extensionsMarker)")
            }
        }
        return lines
    }

    /// A type every cell with extensions or operators declares, so that a scoped import of it brings the
    /// cell's extension members when none of its names is visible any more.
    static let extensionsMarker = "\(CellSourceGenerator.generatedPrefix)Extensions"

    /// The indices of the cells a new cell imports: owners of visible names and wholly imported cells.
    var importedCells: [Int] {
        var indices = Set(owners.values)
        for (index, cell) in cells.enumerated() where cell.importedWhole { indices.insert(index) }
        return indices.sorted()
    }

    /// Records a cell that ran; its names now shadow earlier ones.
    mutating func add(_ cell: Cell) {
        cells.append(cell)
        for name in cell.names { owners[name.name] = cells.count - 1 }
    }

    /// The worker restarted: every cell's library must be reloaded and its variables have no values.
    mutating func workerRestarted() {
        for index in cells.indices { cells[index].ranInCurrentWorker = false }
    }

    /// Marks the cell at `index` as run again in the current worker.
    mutating func markRan(_ index: Int) { cells[index].ranInCurrentWorker = true }

    /// Forgets every cell.
    mutating func reset() {
        cells = []
        owners = [:]
    }

    /// The variables later cells see, with their types and whether they hold a value in the current worker.
    /// The type is nil where the compiler inferred it without saying (plain globals).
    var variables: [(name: String, type: String?, cell: Int, hasValue: Bool)] {
        owners.compactMap { name, index in
            let cell = cells[index]
            guard cell.names.last(where: { $0.name == name })?.kind == .variable else { return nil }
            return (name, cell.compiled.variableTypes[name], cell.executionCount, cell.ranInCurrentWorker)
        }.sorted { $0.name < $1.name }
    }

    /// The variables that lost their values in a worker restart, by name.
    var lostVariables: [String] {
        variables.filter { !$0.hasValue }.map(\.name)
    }
}
