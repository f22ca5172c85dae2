/// A set of non-negative integers that iterates in CPython 3.11's order: its hash table (8 slots, then four times
/// the elements once three fifths are filled), linear probes of 9 then perturbed jumps, slots in order. GEPA
/// chooses among a Pareto front by walking such sets, so the order decides the draw.
struct PythonIntSet: Sendable, Equatable, CustomStringConvertible {
    private var table: [Int?] = Array(repeating: nil, count: 8)
    private(set) var count = 0

    init<S: Sequence<Int>>(_ elements: S) {
        for element in elements { insert(element) }
    }

    /// The elements in iteration order.
    var elements: [Int] { table.compactMap { $0 } }

    func contains(_ element: Int) -> Bool { table.contains(element) }

    mutating func insert(_ element: Int) {
        guard !contains(element) else { return }
        Self.place(element, in: &table)
        count += 1
        if count * 5 >= (table.count - 1) * 3 {
            // `set_table_resize(so, used * 4)`: the smallest power of two above it, at least 8.
            var size = 8
            while size <= count * 4 { size <<= 1 }
            let old = elements
            table = Array(repeating: nil, count: size)
            for element in old { Self.place(element, in: &table) }
        }
    }

    private static func place(_ element: Int, in table: inout [Int?]) {
        let mask = table.count - 1
        var perturb = UInt(element), slot = element & mask
        while true {
            let probes = slot + 9 <= mask ? 9 : 0
            for offset in 0...probes where table[slot + offset] == nil {
                table[slot + offset] = element
                return
            }
            perturb >>= 5
            slot = (slot &* 5 &+ 1 &+ Int(perturb)) & mask
        }
    }

    /// Python's `repr`: `{0, 1}`, or `set()`.
    var description: String { count == 0 ? "set()" : "{" + elements.map(String.init).joined(separator: ", ") + "}" }
}
