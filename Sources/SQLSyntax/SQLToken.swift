/// One lexical token of SQL text, keeping its exact source text so that rewrites can re-join tokens losslessly.
public struct SQLToken: Hashable, Sendable {
    /// What kind of token this is.
    public enum Kind: Hashable, Sendable {
        /// A bare word: a keyword or an unquoted identifier.
        case word
        /// An identifier in double quotes, backticks or square brackets.
        case quotedIdentifier
        /// A string literal in single quotes.
        case string
        /// A numeric literal.
        case number
        /// Operators and punctuation: `(`, `)`, `,`, `;`, `.`, `::`, `<=`, ...
        case symbol
        /// Spaces and line breaks.
        case whitespace
        /// A `--` or `/* */` comment.
        case comment
        /// A bound parameter such as `?`, `?1`, `:name`, `@name` or `$name`.
        case parameter
    }

    /// The token's kind.
    public let kind: Kind
    /// The token's source text, quotes included.
    public let text: String

    /// The word in upper case when this is a bare word, for keyword checks.
    public let keyword: String?

    /// A token of `kind` with its exact source `text`.
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
        // Keywords are ASCII; uppercasing only ASCII letters is cheaper than a full Unicode case mapping.
        keyword = kind == .word ? String(decoding: text.utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self) : nil
    }

    /// True for whitespace and comments, which rewrites skip over.
    public var isTrivia: Bool { kind == .whitespace || kind == .comment }

    /// True when this is the bare word `word`, given in upper case.
    public func isKeyword(_ word: String) -> Bool { keyword == word }

    /// True when this is the symbol `symbol`.
    public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// The identifier's name without its quotes, for words and quoted identifiers.
    public var identifierName: String? {
        switch kind {
        case .word: return text
        case .quotedIdentifier: return String(text.dropFirst().dropLast())
        default: return nil
        }
    }
}
