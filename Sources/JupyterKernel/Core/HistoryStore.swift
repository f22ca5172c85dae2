/// The inputs (and text outputs) of this kernel's executed cells, queried the way IPython's history is.
///
/// History lives as long as the kernel process, as one session numbered 1.
struct HistoryStore: Sendable {
    struct Entry: Sendable, Equatable {
        var session: Int
        var line: Int
        var input: String
        var output: String?
    }

    static let currentSession = 1
    private(set) var entries: [Entry] = []

    mutating func append(line: Int, input: String, output: String?) {
        entries.append(Entry(session: Self.currentSession, line: line, input: input, output: output))
    }

    /// The last `n` entries, oldest first.
    func tail(_ n: Int) -> [Entry] {
        Array(entries.suffix(max(0, n)))
    }

    /// Lines `start..<stop` of a session; session 0 (or any non-positive offset from it) means this one.
    func range(session: Int, start: Int, stop: Int?) -> [Entry] {
        let wanted = session <= 0 ? Self.currentSession + session : session
        return entries.filter { entry in
            entry.session == wanted && entry.line >= start && stop.map { entry.line < $0 } ?? true
        }
    }

    /// Entries whose input matches the glob `pattern`; with `unique` only the latest of equal inputs; with `n`
    /// only the last `n` matches.
    func search(pattern: String, n: Int?, unique: Bool) -> [Entry] {
        let glob = Glob(pattern)
        var matches = entries.filter { glob.matches($0.input) }
        if unique {
            var seen: Set<String> = []
            matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
        }
        if let n { matches = Array(matches.suffix(max(0, n))) }
        return matches
    }
}
