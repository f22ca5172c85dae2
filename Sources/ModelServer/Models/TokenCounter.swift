/// Counts and cuts text in "tokens": runs of letters or digits, and each other non-space character.
///
/// This is not any real model's tokenizer (the offline system has none); it is stable and close enough in size to
/// make `usage` and `max_tokens` behave as clients expect.
enum TokenCounter {
    static func count(_ text: String) -> Int { pieces(text).count }

    /// The text cut after `limit` tokens, and whether it was cut.
    static func truncate(_ text: String, to limit: Int) -> (text: String, cut: Bool) {
        let ends = pieces(text)
        guard ends.count > limit else { return (text, false) }
        return (String(text[..<ends[limit - 1]]), true)
    }

    /// The end index of every token.
    private static func pieces(_ text: String) -> [String.Index] {
        var ends: [String.Index] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            if character.isLetter || character.isNumber {
                while index < text.endIndex, text[index].isLetter || text[index].isNumber { index = text.index(after: index) }
            } else {
                index = text.index(after: index)
            }
            ends.append(index)
        }
        return ends
    }
}
