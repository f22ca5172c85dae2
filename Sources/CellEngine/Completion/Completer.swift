import Foundation
import JSON
import KernelInterpreter

/// Completion and inspection: `sourcekit-lsp` over the session's imports plus the code being edited (names
/// from the standard library, DSPy and earlier cells, members after a dot, signatures and doc comments),
/// ranked for a notebook (`CompletionRanking`), with a predictor's input fields as argument labels
/// (`PredictorFields`), and the session's own names and Swift's keywords when the server is unavailable or slow.
struct Completer {
    let engine: CellEngine

    private static let keywords = [
        "actor", "async", "await", "break", "case", "catch", "class", "continue", "default", "defer", "else", "enum",
        "extension", "false", "for", "func", "guard", "import", "init", "let", "nil", "protocol", "return", "self",
        "static", "struct", "switch", "throw", "throws", "true", "try", "typealias", "var", "where", "while",
    ]

    /// The argument labels of `@dynamicCallable`'s methods: how a call is implemented, never what to type.
    private static let dynamicCallLabels: Set<String> = ["withArguments", "withKeywordArguments"]

    /// The reply metadata key saying whether the language server had already answered a request (`warm`) or
    /// was started by this one (`cold`).
    static let serverStateKey = "swift_dspy_language_server"

    func complete(code: String, cursor: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(0, cursor), scalars.count)
        var start = end
        while start > 0, Self.isIdentifier(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<end]))
        let afterDot = start > 0 && scalars[start - 1] == "."
        if !afterDot, Self.isArgumentLabelPosition(scalars, start),
           let labels = predictorLabels(code: code, utf8Offset: String(String.UnicodeScalarView(scalars[..<end])).utf8.count, prefix: prefix) {
            return CompletionResult(matches: labels.map(\.text), cursorStart: start, cursorEnd: end, details: labels.map(\.detail))
        }
        var candidates: [CompletionCandidate] = []
        var metadata: [String: JSONValue] = [:]
        if let (text, line, column) = document(code: code, scalarOffset: end), let server = engine.completion.languageServer {
            let reply = server.complete(text: text, line: line, column: column)
            metadata[Self.serverStateKey] = .string(reply.warm ? "warm" : "cold")
            candidates = reply.items.compactMap(Self.candidate)
        }
        let declared = engine.declaredNames
        let userNames = Set(declared.map(\.name)).union(Self.identifiers(in: code).subtracting(Self.keywords + [prefix]))
        let names = engine.completion.moduleNames
        if !afterDot {
            // The cells' own declarations even with nothing typed: `Predict(` offers the signatures they declared.
            candidates += declared.map { CompletionCandidate(text: $0.name, detail: CompletionDetail(declarationKind: $0.kind.rawValue)) }
        }
        if !afterDot, !prefix.isEmpty {
            candidates += userNames.sorted().map { CompletionCandidate(text: $0, detail: CompletionDetail(type: "instance")) }
            // The server returns its best 200 of thousands; the project's names must not depend on that cut.
            candidates += names.project.sorted { $0.key < $1.key }.map {
                CompletionCandidate(text: $0.key, detail: CompletionDetail(declarationKind: $0.value))
            }
            candidates += Self.keywords.map { CompletionCandidate(text: $0, detail: CompletionDetail(type: "keyword")) }
        }
        let ranked = CompletionRanking(names: names, userNames: userNames, prefix: prefix, afterDot: afterDot).rank(candidates)
        return CompletionResult(matches: ranked.map(\.text), cursorStart: start, cursorEnd: end,
                                details: ranked.map(\.detail), metadata: metadata)
    }

    /// A server item as a candidate: a name (`precondition` for `precondition(condition: Bool)`), or an argument
    /// label with its colon (`signature: `); nil for `@dynamicCallable`'s labels.
    private static func candidate(_ item: LanguageServer.Completion) -> CompletionCandidate? {
        let name = String(item.text.prefix { $0 != "(" && $0 != ":" })
        // Items that do not start a name (`, config: `, `""`) belong after an argument or are literals.
        guard let first = name.unicodeScalars.first, isIdentifier(first), !("0"..."9").contains(first),
              !dynamicCallLabels.contains(name) else { return nil }
        let isLabel = item.text.dropFirst(name.count).first == ":"
        guard isLabel else {
            return CompletionCandidate(text: name, detail: CompletionDetail(lspKind: item.kind, name: name, label: item.label, detail: item.detail))
        }
        return CompletionCandidate(text: name + ": ", detail: CompletionDetail(type: "param", signature: item.detail ?? ""))
    }

    /// The input fields of the predictor called at the cursor, as labels not yet given that start with `prefix`.
    private func predictorLabels(code: String, utf8Offset: Int, prefix: String) -> [CompletionCandidate]? {
        guard let call = PredictorFields.enclosingCall(in: code, utf8Offset: utf8Offset),
              let fields = PredictorFields.inputFields(of: call.callee, in: [code] + engine.cellSources) else { return nil }
        let labels = fields.filter { !call.givenLabels.contains($0.name) && $0.name.hasPrefix(prefix) }.map { field in
            CompletionCandidate(text: field.name + ": ", detail: CompletionDetail(
                type: "param", signature: "\(field.name): \(field.type)" + (field.description.map { " — \($0)" } ?? "")))
        }
        return labels.isEmpty ? nil : labels
    }

    /// Whether the word starting at `start` is where an argument label goes: right after `(` or `,`.
    private static func isArgumentLabelPosition(_ scalars: [Unicode.Scalar], _ start: Int) -> Bool {
        var index = start
        while index > 0, scalars[index - 1].properties.isWhitespace { index -= 1 }
        return index > 0 && (scalars[index - 1] == "(" || scalars[index - 1] == ",")
    }

    func inspect(code: String, cursor: Int) -> MimeBundle? {
        let scalars = Array(code.unicodeScalars)
        var start = min(max(0, cursor), scalars.count)
        var end = start
        while start > 0, Self.isIdentifier(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, Self.isIdentifier(scalars[end]) { end += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<end]))
        if let declaration = engine.declaration(of: name) {
            // A predictor's inputs are what a call needs, and its type does not say them.
            let inputs = PredictorFields.inputFields(of: name, in: [code] + engine.cellSources).map {
                ["input fields: " + $0.map { "\($0.name): \($0.type)" }.joined(separator: ", ")]
            } ?? []
            return ["text/plain": .string(([declaration] + inputs).joined(separator: "\n"))]
        }
        guard !name.isEmpty, let (text, line, column) = document(code: code, scalarOffset: start),
              let hover = engine.completion.languageServer?.hover(text: text, line: line, column: column), !hover.isEmpty else {
            return nil
        }
        return ["text/plain": .string(hover), "text/markdown": .string(hover)]
    }

    /// The virtual document (imports, then the code) and the 0-based line and UTF-16 column of `scalarOffset`.
    private func document(code: String, scalarOffset: Int) -> (String, Int, Int)? {
        let header = engine.importHeader
        let before = String(String.UnicodeScalarView(code.unicodeScalars.prefix(scalarOffset)))
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
        let column = lines.last.map { $0.utf16.count } ?? 0
        return (header.joined(separator: "\n") + "\n" + code, header.count + lines.count - 1, column)
    }

    private static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static func identifiers(in code: String) -> Set<String> {
        Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init).filter { $0.count > 1 })
    }
}
