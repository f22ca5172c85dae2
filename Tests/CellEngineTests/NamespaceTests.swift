import Testing
@testable import CellEngine

/// Which cells a new cell imports, and the scoped imports that make the newest definition win.
struct NamespaceTests {
    private func cell(_ module: String, _ names: [DeclaredName], whole: Bool = false) -> Namespace.Cell {
        Namespace.Cell(compiled: CompiledCell(module: module, libraryPath: "lib\(module).so", entrySymbol: "e",
                                              variableTypes: [:], warnings: []),
                       source: "", executionCount: 1, names: names, importedWhole: whole, imports: [], ranInCurrentWorker: true)
    }

    @Test func newestDefinitionGetsAScopedImport() {
        var namespace = Namespace()
        namespace.add(cell("Cell1", [.init(name: "x", kind: .variable), .init(name: "f", kind: .function)]))
        namespace.add(cell("Cell2", [.init(name: "x", kind: .variable)]))
        let header = namespace.header(declaring: [])
        #expect(header.contains("@testable import Cell1") && header.contains("@testable import Cell2"))
        #expect(header.contains("@testable import var Cell2.x"))
        #expect(!header.contains { $0.contains("Cell1.f") })
        // A cell redefining x itself needs no scoped import for it.
        #expect(!namespace.header(declaring: ["x"]).contains("@testable import var Cell2.x"))
    }

    @Test func cellsWithNothingVisibleAreNotImported() {
        var namespace = Namespace()
        namespace.add(cell("Cell1", [.init(name: "x", kind: .variable)]))
        namespace.add(cell("Cell2", []))
        namespace.add(cell("Cell3", [.init(name: "x", kind: .variable)]))
        namespace.add(cell("Cell4", [], whole: true))
        #expect(namespace.importedCells == [2, 3])
    }

    @Test func restartLosesValuesUntilRerun() {
        var namespace = Namespace()
        namespace.add(cell("Cell1", [.init(name: "x", kind: .variable)]))
        namespace.workerRestarted()
        #expect(namespace.lostVariables == ["x"])
        namespace.markRan(0)
        #expect(namespace.lostVariables.isEmpty)
    }
}
