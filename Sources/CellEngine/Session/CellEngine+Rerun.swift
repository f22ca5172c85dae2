import KernelInterpreter
import SwiftParser
import SwiftSyntax

extension CellEngine {
    /// Re-runs, in order, the cells whose values a worker restart lost (`%rerun`); see `RerunPlan` for which.
    public func rerun(output: any ExecutionOutput) -> ExecutionOutcome {
        conversation.lock()
        defer { conversation.unlock() }
        state.withLock { $0.interruptDeadline = nil }
        let plan = state.withLock { state in
            RerunPlan(pending: state.namespace.cells.indices.filter { !state.namespace.cells[$0].ranInCurrentWorker }
                .map { (index: $0, cell: state.namespace.cells[$0]) })
        }
        for (index, cell) in plan.cells {
            output.stream(.stdout, text: "re-running cell [\(cell.executionCount)]\n")
            let outcome = run(cell.compiled, output: output)
            guard case .ok = outcome else { return outcome }
            state.withLock { $0.namespace.markRan(index) }
        }
        output.stream(.stdout, text: plan.summary)
        return .ok(result: nil)
    }
}

/// Which cells `%rerun` runs again after a worker restart: those that set a variable (its value is gone) and
/// those whose code uses one (they may have changed it, or set other state from it, as `configure(lm: lm)`
/// does). A cell of functions and types only, or one that uses no variable, is not run again: its
/// declarations came back with its library, and running it would only repeat its side effects.
struct RerunPlan {
    /// The cells to run again, in order, with their indices in the namespace.
    let cells: [(index: Int, cell: Namespace.Cell)]
    /// The execution counts of the cells left out.
    let skipped: [Int]

    /// The plan for `pending`, the cells that have not run in the current worker, in order.
    init(pending: [(index: Int, cell: Namespace.Cell)]) {
        let variables = Set(pending.flatMap { $0.cell.names.filter { $0.kind == .variable }.map(\.name) })
        var cells: [(index: Int, cell: Namespace.Cell)] = []
        var skipped: [Int] = []
        for entry in pending {
            let setsVariable = entry.cell.names.contains { $0.kind == .variable }
            if setsVariable || !Self.identifiers(in: entry.cell.source).isDisjoint(with: variables) {
                cells.append(entry)
            } else {
                skipped.append(entry.cell.executionCount)
            }
        }
        self.cells = cells
        self.skipped = skipped
    }

    /// What `%rerun` prints at the end.
    var summary: String {
        var text = "re-ran \(cells.count) cell\(cells.count == 1 ? "" : "s")"
        if !skipped.isEmpty {
            text += "; not re-run, as they set and use no variable: "
                + skipped.map { "[\($0)]" }.joined(separator: ", ")
        }
        return text + "\n"
    }

    /// The identifiers a cell's code mentions.
    static func identifiers(in source: String) -> Set<String> {
        var names = Set<String>()
        for token in Parser.parse(source: source).tokens(viewMode: .sourceAccurate) {
            if case .identifier(let name) = token.tokenKind { names.insert(name) }
        }
        return names
    }
}
