/// The rules by which a predicted result equals a gold result.
///
/// 1. **Rows are a multiset**: order matters only when the gold query's outermost statement has an `ORDER BY`
///    (one at parenthesis depth zero, so not inside a subquery, a CTE or a window); then rows compare in order.
///    Duplicates count: `SELECT x` and `SELECT DISTINCT x` differ when `x` repeats.
/// 2. **Column names and aliases are ignored**, and so is column order: the results match when some permutation
///    of the predicted columns makes them equal. The column counts must be equal.
/// 3. **Numbers compare by value**: `3` equals `3.0`; reals equal within a relative 1e-6; a value with 2–4 decimals
///    equals a more precise value that rounds to it (`ROUND(AVG(x), 2)` against `AVG(x)`); text that spells a
///    number equals that number. Text compares exactly (case and spaces matter); NULL equals NULL.
public enum ResultComparison {
    /// Nil when `predicted` matches `gold` under the rules; otherwise a short description of the first difference.
    public static func difference(gold: QueryResult, predicted: QueryResult, ordered: Bool) -> String? {
        let goldRows = gold.rows.map { $0.map(ComparableValue.init) }
        let predictedRows = predicted.rows.map { $0.map(ComparableValue.init) }
        let goldWidth = gold.columns.count
        guard goldWidth == predicted.columns.count else {
            return "\(predicted.columns.count) columns where the gold result has \(goldWidth)"
        }
        guard goldRows.count == predictedRows.count else {
            return "\(predictedRows.count) rows where the gold result has \(goldRows.count)"
        }
        var firstDifference: String?
        for permutation in ColumnPermutations(gold: goldRows, predicted: predictedRows, width: goldWidth) {
            let permuted = predictedRows.map { row in permutation.map { row[$0] } }
            guard let difference = rowsDifference(goldRows, permuted, ordered: ordered) else { return nil }
            if firstDifference == nil { firstDifference = difference }
        }
        return firstDifference ?? "no column order of the predicted result lines up with the gold result"
    }

    static func rowsDifference(_ gold: [[ComparableValue]], _ predicted: [[ComparableValue]], ordered: Bool) -> String? {
        if ordered {
            guard let index = gold.indices.first(where: { !rowsMatch(gold[$0], predicted[$0]) }) else { return nil }
            let unorderedMatch = rowsDifference(gold, predicted, ordered: false) == nil
            return unorderedMatch
                ? "same rows in a different order (first at row \(index + 1))"
                : "row \(index + 1) is \(show(predicted[index])) where the gold result has \(show(gold[index]))"
        }
        let sortedGold = gold.sorted(by: rowPrecedes)
        let sortedPredicted = predicted.sorted(by: rowPrecedes)
        guard let index = sortedGold.indices.first(where: { !rowsMatch(sortedGold[$0], sortedPredicted[$0]) }) else { return nil }
        return "gold row \(show(sortedGold[index])) has no equal; predicted \(show(sortedPredicted[index])) instead"
    }

    static func rowsMatch(_ a: [ComparableValue], _ b: [ComparableValue]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.matches($1) }
    }

    static func rowPrecedes(_ a: [ComparableValue], _ b: [ComparableValue]) -> Bool {
        a.lexicographicallyPrecedes(b)
    }

    static func show(_ row: [ComparableValue]) -> String {
        let text = "(" + row.map(\.description).joined(separator: ", ") + ")"
        return text.count > 80 ? String(text.prefix(77)) + "...)" : text
    }
}

/// The orders of the predicted columns worth trying: the identity first, then assignments in which each predicted
/// column carries the same multiset of values as the gold column it stands for (at most `limit` of them).
struct ColumnPermutations: Sequence {
    let gold: [[ComparableValue]]
    let predicted: [[ComparableValue]]
    let width: Int
    var limit = 720

    func makeIterator() -> IndexingIterator<[[Int]]> { candidates().makeIterator() }

    private func candidates() -> [[Int]] {
        let identity = Array(0..<width)
        guard width > 1 else { return [identity] }
        let goldColumns = (0..<width).map { column in gold.map { $0[column] }.sorted() }
        let predictedColumns = (0..<width).map { column in predicted.map { $0[column] }.sorted() }
        let compatible = goldColumns.map { goldColumn in
            (0..<width).filter { ResultComparison.rowsMatch(goldColumn, predictedColumns[$0]) }
        }
        var result = [identity]
        var current: [Int] = []
        var used = Set<Int>()
        func assign(_ column: Int) {
            guard result.count < limit else { return }
            if column == width {
                if current != identity { result.append(current) }
                return
            }
            for candidate in compatible[column] where !used.contains(candidate) {
                current.append(candidate)
                used.insert(candidate)
                assign(column + 1)
                used.remove(candidate)
                current.removeLast()
            }
        }
        assign(0)
        return result
    }
}
