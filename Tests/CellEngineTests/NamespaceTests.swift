import Testing
@testable import CellEngine

/// Which cells a new cell imports, and the scoped imports that make the newest definition win.
struct NamespaceTests {
    private func cell(_ module: String, _ names: [DeclaredName], whole: Bool = false) -> Namespace.Cell {
        Namespace.Cell(compiled: CompiledCell(module: module, libraryPath: "lib\(module).so", entrySymbol: "e",
                                              variableTypes: [:], warnings: []),
                       source: "", executionCount: 1, names: names, importedWhole: whole, imports: [], ranInCurrentWorker: true)
    }

    @Test func aCellWithRedefinedNamesContributesOnlyItsVisibleOnes() {
        var namespace = Namespace()
        namespace.add(cell("Cell1", [.init(name: "x", kind: .variable), .init(name: "f", kind: .function)]))
        namespace.add(cell("Cell2", [.init(name: "x", kind: .variable)]))
        let header = namespace.header(declaring: [])
        // Cell2 has nothing redefined: imported whole. Cell1 only for f, so its x cannot clash with Cell2's.
        #expect(header.contains("@testable import Cell2"))
        #expect(!header.contains("@testable import Cell1"))
        #expect(header.contains("@testable import func Cell1.f"))
        #expect(!header.contains { $0.contains("Cell1.x") })
        // A cell redefining x itself does not import Cell2's x in any form.
        let redefining = namespace.header(declaring: ["x"])
        #expect(!redefining.contains { $0.contains("Cell2") }, "\(redefining)")
    }

    /// The repro: the same cell twice. The new cell's `g` returns its own `E`; the old `g` (returning
    /// the old `E`) has another signature, so Swift would not shadow it: the old cell must not be imported.
    @Test func rerunningACellImportsNothingOfItsEarlierRun() {
        var namespace = Namespace()
        let names: [DeclaredName] = [.init(name: "E", kind: .structure), .init(name: "g", kind: .function),
                                     .init(name: "e1", kind: .variable)]
        namespace.add(cell("Cell1", names))
        #expect(!namespace.header(declaring: Set(names.map(\.name))).contains { $0.contains("Cell1") })
        namespace.add(cell("Cell2", names))
        let third = namespace.header(declaring: Set(names.map(\.name)))
        #expect(!third.contains { $0.contains("Cell1") || $0.contains("Cell2") }, "\(third)")
        #expect(namespace.header(declaring: []).filter { $0.hasPrefix("@testable") } == ["@testable import Cell2"])
    }

    /// Extension members come with any scoped import of a cell; with no visible name left, through its
    /// marker; and not at all once a newer cell declares the same member.
    @Test func extensionMembersOfAPartlyRedefinedCellStayVisibleUntilRedefined() {
        var namespace = Namespace()
        namespace.add(cell("Cell1", [.init(name: "P", kind: .structure), .init(name: "String.shout", kind: .anonymous)], whole: true))
        #expect(namespace.header(declaring: []).contains("@testable import Cell1"))
        namespace.add(cell("Cell2", [.init(name: "P", kind: .structure)]))
        #expect(namespace.header(declaring: []).contains("@testable import enum Cell1.\(Namespace.extensionsMarker)"))
        namespace.add(cell("Cell3", [.init(name: "String.shout", kind: .anonymous)], whole: true))
        #expect(!namespace.header(declaring: []).contains { $0.contains("Cell1") })
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
