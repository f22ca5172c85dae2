/// One retrievable unit of text: an id unique in its corpus, an optional title (a page or section name) and the text.
public struct Passage: Hashable, Sendable, Codable {
    public var id: String
    public var title: String?
    public var text: String

    public init(id: String, title: String? = nil, text: String) {
        self.id = id
        self.title = title
        self.text = text
    }

    /// Passages whose ids are their positions, `"0"`, `"1"`, … (DSPy's retrievers take a list of strings).
    public static func numbered(_ texts: [String]) -> [Passage] {
        texts.enumerated().map { Passage(id: String($0.offset), text: $0.element) }
    }

    /// The text a retriever indexes and a prompt cites: `"title | text"` when there is a title, as DSPy's
    /// ColBERTv2 passages read (`"Title | text"`).
    public var longText: String {
        guard let title, !title.isEmpty else { return text }
        return "\(title) | \(text)"
    }
}

/// A passage found by a retriever, with its position in the corpus and its score (higher is better).
public struct RetrievedPassage: Hashable, Sendable {
    public var passage: Passage
    /// The passage's position in the corpus, in the order passages were added.
    public var index: Int
    public var score: Double

    public init(passage: Passage, index: Int, score: Double) {
        self.passage = passage
        self.index = index
        self.score = score
    }
}

extension Array where Element == Passage {
    /// Throws `RetrievalError` naming the problem when the corpus is empty or two passages share an id.
    func validateCorpus(_ what: String) throws {
        guard !isEmpty else { throw RetrievalError(.emptyCorpus, "\(what): the corpus is empty (no passages to index)") }
        var first: [String: Int] = [:]
        for (position, passage) in enumerated() {
            if let earlier = first.updateValue(position, forKey: passage.id) {
                throw RetrievalError(.duplicateID, "\(what): passages \(earlier) and \(position) share the id \"\(passage.id)\"")
            }
        }
    }
}
