import Foundation

/// IPython's pager convention: `?name` or `name?` shows a name's documentation, `??` asks for more detail.
struct PagerQuery: Equatable {
    var name: String
    var detailLevel: Int

    /// Recognizes a cell that is only a pager query; nil for any other code.
    init?(code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        var body = Substring(trimmed)
        var marks = 0
        while body.hasPrefix("?") { body.removeFirst(); marks += 1 }
        let leading = marks
        while body.hasSuffix("?") { body.removeLast(); marks += 1 }
        // Marks on one side only: `?x?` is not a pager query.
        guard marks > 0, leading == 0 || leading == marks else { return nil }
        let name = body.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
              !(name.first?.isNumber ?? true)
        else { return nil }
        self.name = name
        detailLevel = marks > 1 ? 1 : 0
    }
}
