import Testing
@testable import CellEngine

/// Which cells `%rerun` runs again after a worker restart.
struct RerunPlanTests {
    private func cell(_ count: Int, _ source: String, _ names: [DeclaredName]) -> (index: Int, cell: Namespace.Cell) {
        (count - 1, Namespace.Cell(compiled: CompiledCell(module: "Cell\(count)", libraryPath: "libCell\(count).so",
                                                          entrySymbol: "e", variableTypes: [:], warnings: []),
                                   source: source, executionCount: count, names: names, importedWhole: false, imports: [],
                                   ranInCurrentWorker: false))
    }

    @Test func cellsThatSetOrUseVariablesRunAgainOthersDoNot() {
        let plan = RerunPlan(pending: [
            cell(1, "let lm = LM(\"openai/x\")", [.init(name: "lm", kind: .variable)]),
            cell(2, "func double(_ x: Int) -> Int { x * 2 }\nstruct Row { var id: Int }",
                 [.init(name: "double", kind: .function), .init(name: "Row", kind: .structure)]),
            cell(3, "configure(lm: lm)", []),
            cell(4, "print(\"hello\")", []),
            cell(5, "var rows: [Row] = []", [.init(name: "rows", kind: .variable)]),
            cell(6, "for id in 0..<3 { rows.append(Row(id: double(id))) }", []),
        ])
        #expect(plan.cells.map(\.cell.executionCount) == [1, 3, 5, 6])
        #expect(plan.skipped == [2, 4])
        #expect(plan.summary == "re-ran 4 cells; not re-run, as they set and use no variable: [2], [4]\n")
    }

    @Test func aNameInAStringOrCommentIsNotAUse() {
        let plan = RerunPlan(pending: [
            cell(1, "var total = 0", [.init(name: "total", kind: .variable)]),
            cell(2, "print(\"total\") // total", []),
        ])
        #expect(plan.skipped == [2])
    }
}
