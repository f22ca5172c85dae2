/// A shell glob as SQLite's GLOB (which IPython's history search uses) reads it: `*`, `?`, `[abc]`, `[a-z]`,
/// `[^abc]`; case-sensitive, matching the whole text.
struct Glob: Sendable {
    private enum Token: Sendable {
        case literal(Character)
        case any
        case anyRun
        case set([ClosedRange<Character>], negated: Bool)
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            switch character {
            case "*": tokens.append(.anyRun)
            case "?": tokens.append(.any)
            case "[":
                if let (set, rest) = Self.parseSet(characters) {
                    tokens.append(set)
                    characters = rest
                } else {
                    tokens.append(.literal("["))
                }
            default: tokens.append(.literal(character))
            }
        }
        self.tokens = tokens
    }

    private static func parseSet(_ input: ArraySlice<Character>) -> (Token, ArraySlice<Character>)? {
        var rest = input
        let negated = rest.first == "^"
        if negated { rest.removeFirst() }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while let character = rest.popFirst() {
            if character == "]" && !first { return (.set(ranges, negated: negated), rest) }
            first = false
            if rest.first == "-", rest.count >= 2, rest[rest.index(after: rest.startIndex)] != "]" {
                rest.removeFirst()
                let upper = rest.removeFirst()
                if character <= upper { ranges.append(character...upper) }
            } else {
                ranges.append(character...character)
            }
        }
        return nil
    }

    /// Whether the whole of `text` matches.
    func matches(_ text: String) -> Bool {
        let text = Array(text)
        // Iterative matching with one backtrack point for the last `*`: linear in practice, never exponential.
        var t = 0, p = 0
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < tokens.count, Self.matchesOne(tokens[p], text[t]) {
                t += 1
                p += 1
            } else if p < tokens.count, case .anyRun = tokens[p] {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < tokens.count, case .anyRun = tokens[p] { p += 1 }
        return p == tokens.count
    }

    private static func matchesOne(_ token: Token, _ character: Character) -> Bool {
        switch token {
        case .literal(let literal): literal == character
        case .any: true
        case .anyRun: false
        case .set(let ranges, let negated): ranges.contains { $0.contains(character) } != negated
        }
    }
}
